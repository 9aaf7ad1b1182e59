using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.Kafka.Dev;
using StreamRead.Kafka.Producing;
using StreamRead.Kafka.Topics;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

/// <summary>
/// kcat is a separate process with its own librdkafka: these tests prove the broker speaks the
/// Kafka protocol to other programs, not only to clients inside the test process.
/// </summary>
public sealed class KcatInteropTests(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task Records_produced_in_dotnet_are_read_by_kcat_on_the_same_partitions()
    {
        Kcat.SkipIfMissing();
        var ct = TestContext.Current.CancellationToken;
        var topic = kafka.UniqueName("to-kcat");
        await kafka.CreateTopicAsync(topic, 3, cancellationToken: ct);
        var produced = new List<string>();
        using (var producer = new ProducerBuilder<string, string>(kafka.ClientConfigs.CreateProducerConfig()).Build())
        {
            for (var i = 0; i < 30; i++)
            {
                var result = await producer.ProduceAsync(topic, new Message<string, string> { Key = $"c-{i}", Value = $"value {i}" }, ct);
                produced.Add($"{result.Partition.Value}|c-{i}|value {i}");
            }
        }

        var kcat = await Kcat.RunAsync(["-b", kafka.BootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%p|%k|%s\n"], null, ct);

        Assert.True(kcat.ExitCode == 0, kcat.Errors);
        Assert.Equal(produced.Order(), kcat.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task Records_produced_by_kcat_with_murmur2_are_read_in_dotnet_where_java_would_put_them()
    {
        Kcat.SkipIfMissing();
        var ct = TestContext.Current.CancellationToken;
        var topic = kafka.UniqueName("from-kcat");
        const int partitions = 4;
        await kafka.CreateTopicAsync(topic, partitions, cancellationToken: ct);
        var lines = Enumerable.Range(0, 25).Select(i => $"conv-{i}|{{\"n\":{i}}}").ToList();

        var kcat = await Kcat.RunAsync(
            ["-b", kafka.BootstrapServers, "-P", "-t", topic, "-K", "|", "-X", "partitioner=murmur2_random"],
            string.Join('\n', lines) + "\n",
            ct);

        Assert.True(kcat.ExitCode == 0, kcat.Errors);
        var records = TopicReader.Read(kafka.ClientConfigs, topic, partitions, lines.Count, ct);
        Assert.Equal(lines.Order(), records.Select(r => $"{r.Message.Key}|{Encoding.UTF8.GetString(r.Message.Value)}").Order());
        Assert.All(records, r => Assert.Equal(KeyPartitioner.PartitionOf(r.Message.Key, partitions), r.Partition.Value));
    }

    [Fact]
    public async Task Kcat_lists_the_dev_brokers_catalog_topics_with_their_partition_counts()
    {
        Kcat.SkipIfMissing();
        var catalog = TopicCatalog.LoadDefault();
        await using var broker = DevBroker.Start(new DevBrokerOptions { Port = 0, Brokers = 2, Catalog = catalog });

        var kcat = await Kcat.RunAsync(["-b", broker.BootstrapServers, "-L", "-J"], null, TestContext.Current.CancellationToken);

        Assert.True(kcat.ExitCode == 0, kcat.Errors);
        using var listing = JsonDocument.Parse(kcat.Output);
        var listed = listing.RootElement.GetProperty("topics").EnumerateArray()
            .ToDictionary(t => t.GetProperty("topic").GetString()!, t => t.GetProperty("partitions").GetArrayLength());
        Assert.Equal(2, listing.RootElement.GetProperty("brokers").GetArrayLength());
        Assert.All(catalog.Topics, topic => Assert.Equal(topic.Partitions, listed[topic.Name]));
    }
}
