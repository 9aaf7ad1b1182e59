using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamRead.Contracts.Topics;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.Kafka.Topics;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

/// <summary>
/// Broker guarantees StreamRead relies on that librdkafka's mock cluster does not implement; they
/// run when <c>STREAMREAD_KAFKA_BOOTSTRAP</c> points at a real cluster and skip, saying so, on the mock.
/// </summary>
public sealed class RealKafkaOnlyTests(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task Read_committed_consumers_never_see_records_of_an_aborted_transaction()
    {
        kafka.SkipOnMock("transactions have no isolation");
        var ct = TestContext.Current.CancellationToken;
        var topic = kafka.UniqueName("transactions");
        await kafka.CreateTopicAsync(topic, 1, cancellationToken: ct);

        var config = kafka.ClientConfigs.CreateProducerConfig();
        config.TransactionalId = kafka.UniqueName("tx");
        using (var producer = new ProducerBuilder<string, string>(config).Build())
        {
            producer.InitTransactions(TimeSpan.FromSeconds(30));
            producer.BeginTransaction();
            producer.Produce(topic, new Message<string, string> { Key = "c", Value = "aborted" });
            producer.AbortTransaction(TimeSpan.FromSeconds(30));
            producer.BeginTransaction();
            producer.Produce(topic, new Message<string, string> { Key = "c", Value = "committed" });
            producer.CommitTransaction(TimeSpan.FromSeconds(30));
        }

        var records = TopicReader.ReadToEnd(kafka.ClientConfigs, topic, 1, ct);

        Assert.Equal(["committed"], records.Select(r => Encoding.UTF8.GetString(r.Message.Value)));
    }

    [Fact]
    public async Task The_changelog_topic_config_compacts_older_states_of_a_key_away()
    {
        kafka.SkipOnMock("log compaction does not exist");
        var ct = TestContext.Current.CancellationToken;
        var changelog = TopicCatalog.LoadDefault()[TopicNames.Changelog];
        var topic = kafka.UniqueName("changelog");
        // The catalog's configs, plus tiny segments so the cleaner runs within the test.
        var configs = new Dictionary<string, string>(changelog.Configs)
        {
            ["segment.ms"] = "100",
            ["min.cleanable.dirty.ratio"] = "0.01",
        };
        await kafka.CreateTopicAsync(topic, 1, configs, ct);

        using (var admin = new AdminClientBuilder(kafka.ClientConfigs.CreateAdminClientConfig()).Build())
        {
            var described = await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = topic }]);
            Assert.Equal("compact", described.Single().Entries["cleanup.policy"].Value);
        }

        using var producer = new ProducerBuilder<string, string>(kafka.ClientConfigs.CreateProducerConfig()).Build();
        for (var version = 1; version <= 50; version++)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "conversation-1", Value = $"v{version}" }, ct);
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct); // spread the versions over many segments
        }

        // The cleaner never touches the active segment: keep rolling it until older versions are gone.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        List<string> values;
        do
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "filler", Value = "x" }, ct);
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            values = TopicReader.ReadToEnd(kafka.ClientConfigs, topic, 1, ct)
                .Where(r => r.Message.Key == "conversation-1")
                .Select(r => Encoding.UTF8.GetString(r.Message.Value))
                .ToList();
        }
        while (values.Count == 50 && DateTime.UtcNow < deadline);

        Assert.True(values.Count < 50, "the broker kept every version of the key: the changelog is not being compacted");
        Assert.Equal("v50", values[^1]);
    }
}
