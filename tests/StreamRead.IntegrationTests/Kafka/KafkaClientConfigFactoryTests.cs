using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamRead.Kafka.Configuration;
using StreamRead.Kafka.Producing;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

/// <summary>Client settings: no broker needed.</summary>
public sealed class KafkaClientConfigFactoryTests
{
    [Fact]
    public void Every_producer_partitions_like_java_and_is_idempotent_with_acks_all()
    {
        var factory = new KafkaClientConfigFactory(new KafkaOptions());

        var config = factory.CreateProducerConfig();

        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal("127.0.0.1:9092", config.BootstrapServers);
    }

    [Fact]
    public void Free_form_settings_reach_every_kind_of_client()
    {
        var factory = new KafkaClientConfigFactory(new KafkaOptions
        {
            BootstrapServers = "kafka-1:9092,kafka-2:9092",
            ClientId = "gateway-eu",
            Settings = { ["security.protocol"] = "SASL_SSL", ["sasl.mechanism"] = "PLAIN" },
        });

        IEnumerable<Config> configs = [factory.CreateProducerConfig(), factory.CreateConsumerConfig("g"), factory.CreateAdminClientConfig()];

        Assert.All(configs, config =>
        {
            Assert.Equal("SASL_SSL", config.Get("security.protocol"));
            Assert.Equal("PLAIN", config.Get("sasl.mechanism"));
            Assert.Equal("kafka-1:9092,kafka-2:9092", config.Get("bootstrap.servers"));
            Assert.Equal("gateway-eu", config.Get("client.id"));
        });
    }

    [Fact]
    public void A_new_consumer_group_starts_from_the_earliest_offset()
    {
        var config = new KafkaClientConfigFactory(new KafkaOptions()).CreateConsumerConfig("processor");

        Assert.Equal("processor", config.GroupId);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
    }

    [Theory]
    [InlineData("partitioner", "murmur2_random")]
    [InlineData("acks", "all")]
    [InlineData("enable.idempotence", "idempotent")]
    [InlineData("bootstrap.servers", "Kafka:BootstrapServers")]
    public void Settings_that_streamread_fixes_are_rejected_with_the_reason(string key, string reasonFragment)
    {
        var options = new KafkaOptions { Settings = { [key] = "x" } };

        var error = Assert.Throws<OptionsValidationException>(() => new KafkaClientConfigFactory(options));

        Assert.Contains($"Kafka:Settings:{key} cannot be set", error.Message);
        Assert.Contains(reasonFragment, error.Message);
    }

    [Fact]
    public void Dependency_injection_binds_the_kafka_section_and_validates_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "broker:19092",
            ["Kafka:Settings:socket.timeout.ms"] = "5000",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddStreamReadKafka();
        using var provider = services.BuildServiceProvider();

        var config = provider.GetRequiredService<KafkaClientConfigFactory>().CreateProducerConfig();

        Assert.Equal("broker:19092", config.BootstrapServers);
        Assert.Equal("5000", config.Get("socket.timeout.ms"));
        Assert.Contains(services, d => d.ServiceType == typeof(IChatEventProducer));
    }

    [Fact]
    public void Dependency_injection_reports_an_empty_bootstrap_list_with_the_fix()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = " ",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddStreamReadKafka().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KafkaOptions>>().Value);

        Assert.Contains("Kafka:BootstrapServers is empty", error.Message);
    }
}
