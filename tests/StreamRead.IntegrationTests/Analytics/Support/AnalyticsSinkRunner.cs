using Confluent.Kafka;
using StreamRead.Analytics.Sink;
using StreamRead.ClickHouse;
using StreamRead.Contracts.Analytics;
using StreamRead.Contracts.Json;
using StreamRead.Kafka.Configuration;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.Sinks;

using Xunit;

namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>The ClickHouse sink's consumer loop (as ClickHouseSinkService runs it) on a thread of the test, plus the waits the tests need.</summary>
internal static class AnalyticsSinkRunner
{
    public static BackgroundLoop Start(KafkaClientConfigFactory configs, string topic, string groupId, ClickHouseClient client, CapturingLogger log)
    {
        var options = new SinkOptions
        {
            GroupId = groupId,
            MaxBatchRecords = 20,
            MaxBatchDelay = TimeSpan.FromMilliseconds(50),
            RetryBackoff = TimeSpan.FromMilliseconds(100),
            MaxRetryBackoff = TimeSpan.FromMilliseconds(500),
        };
        var loop = new SinkConsumerLoop<AnalyticsUpdate>(
            "clickhouse-sink", configs.CreateConsumerConfig(groupId), topic,
            record => ContractsSerializer.DeserializeAnalyticsUpdate(record.Message.Value),
            new ClickHouseAnalyticsWriter(client), options, new StreamReadMetrics(), log);
        return new BackgroundLoop(loop.Run);
    }

    /// <summary>Produces the updates to <paramref name="topic"/>, keyed by conversation as the processor does.</summary>
    public static void Produce(KafkaClientConfigFactory configs, string topic, IEnumerable<AnalyticsUpdate> updates)
    {
        using var producer = new ProducerBuilder<string, byte[]>(configs.CreateProducerConfig()).Build();
        foreach (var update in updates)
        {
            producer.Produce(topic, new Message<string, byte[]> { Key = update.ConversationId, Value = ContractsSerializer.Serialize(update) },
                report => Assert.False(report.Error.IsError, report.Error.Reason));
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Waits until each fact table holds the expected number of rows (or fails, quoting the sink's log).</summary>
    public static async Task WaitForFactsAsync(ClickHouseClient client, ExpectedAnalytics expected, CapturingLogger log, TimeSpan timeout)
    {
        var want = (expected.Messages.Count, expected.Advances.Count, expected.Milestones.Count);
        var deadline = DateTime.UtcNow + timeout;
        (long, long, long) have = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var row = (await client.QueryAsync(
                    "SELECT (SELECT count() FROM messages_sent) AS m, (SELECT count() FROM read_advances) AS a, (SELECT count() FROM message_milestones) AS s",
                    TestContext.Current.CancellationToken)).Single();
                have = (row.GetProperty("m").GetInt64(), row.GetProperty("a").GetInt64(), row.GetProperty("s").GetInt64());
                if (have == want)
                {
                    return;
                }
            }
            catch (ClickHouseException)
            {
                // down for the moment (the restart test): keep waiting
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"after {timeout.TotalSeconds:0} s ClickHouse holds (messages, advances, milestones) = {have}, expected {want}\nlog:\n{log.Tail()}");
    }

    /// <summary>Waits until <paramref name="groupId"/> has committed the end of every partition of <paramref name="topic"/>.</summary>
    public static async Task WaitForCommittedEndAsync(KafkaClientConfigFactory configs, string topic, string groupId, int partitions, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(configs.CreateConsumerConfig(groupId)).Build();
        var topicPartitions = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var ends = topicPartitions.Select(tp => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High.Value).ToList();
            var committed = consumer.Committed(topicPartitions, TimeSpan.FromSeconds(5)).Select(c => c.Offset.Value).ToList();
            if (committed.Zip(ends).All(p => p.First >= p.Second))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"group {groupId} committed [{string.Join(", ", committed)}] of [{string.Join(", ", ends)}] after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
