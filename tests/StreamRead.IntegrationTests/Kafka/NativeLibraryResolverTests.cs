using Confluent.Kafka;
using StreamRead.Kafka.Native;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

public sealed class NativeLibraryResolverTests
{
    [Fact]
    public async Task Client_loads_the_system_librdkafka_and_produces_to_a_mock_cluster()
    {
        NativeLibraryResolver.EnsureRegistered();
        var config = new ProducerConfig { BootstrapServers = "unused:9092" };
        config.Set("test.mock.num.brokers", "1");
        using var producer = new ProducerBuilder<string, string>(config).Build();

        var result = await producer.ProduceAsync(
            "smoke", new Message<string, string> { Key = "k", Value = "v" }, TestContext.Current.CancellationToken);

        Assert.Equal(PersistenceStatus.Persisted, result.Status);
        Assert.StartsWith("2.", Library.VersionString);
    }
}
