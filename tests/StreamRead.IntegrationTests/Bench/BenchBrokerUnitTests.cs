using StreamRead.Bench;
using StreamRead.Bench.Infrastructure;
using StreamRead.Bench.Reporting;
using Xunit;

namespace StreamRead.IntegrationTests.Bench;

/// <summary>Which Kafka <c>streamread bench</c> runs on, and how the report names it (no broker needed).</summary>
public sealed class BenchBrokerUnitTests
{
    [Theory]
    [InlineData("kafka-1:9092,kafka-2:9092", "localhost:9092", "kafka-1:9092,kafka-2:9092")]
    [InlineData(null, "localhost:9092", "localhost:9092")]
    [InlineData(" localhost:9092 ", null, "localhost:9092")]
    [InlineData("", " localhost:9092", "localhost:9092")]
    [InlineData(null, null, null)]
    [InlineData(" ", "", null)]
    public void The_option_wins_over_the_variable_and_neither_means_the_dev_broker(string? option, string? variable, string? expected)
    {
        Assert.Equal(expected, BenchOptions.ResolveBootstrapServers(option, variable));
    }

    [Theory]
    [InlineData(1, "3.9-IV0", "cluster at localhost:9092, 1 broker, inter.broker.protocol.version 3.9-IV0")]
    [InlineData(3, null, "cluster at localhost:9092, 3 brokers, broker version not reported")]
    public void A_given_cluster_is_described_by_address_broker_count_and_version(int brokers, string? version, string expected)
    {
        Assert.Equal(expected, ClusterBenchBroker.Describe("localhost:9092", brokers, version));
    }

    [Fact]
    public void The_machine_table_names_the_broker_in_its_own_row()
    {
        var machine = MachineInfo.Describe("7.0.15", DevBenchBroker.Describe(1));

        Assert.Equal("dev broker: librdkafka's mock cluster in the bench process, 1 broker", machine["Kafka"]);
        Assert.DoesNotContain("mock", machine["Confluent.Kafka / librdkafka"], StringComparison.Ordinal);
    }
}
