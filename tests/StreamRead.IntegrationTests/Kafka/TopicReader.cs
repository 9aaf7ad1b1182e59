using Confluent.Kafka;
using StreamRead.Kafka.Configuration;

namespace StreamRead.IntegrationTests.Kafka;

/// <summary>
/// Reads a test topic from the beginning with an assigned (group-less) consumer: no rebalance,
/// so no multi-second wait on the mock cluster.
/// </summary>
internal static class TopicReader
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads until <paramref name="expectedCount"/> records arrived or 30 s passed; returns what it
    /// read so the caller's assertion shows any shortfall.
    /// </summary>
    public static List<ConsumeResult<string, byte[]>> Read(
        KafkaClientConfigFactory clientConfigs, string topic, int partitions, int expectedCount, CancellationToken cancellationToken)
    {
        var config = clientConfigs.CreateConsumerConfig("reader-" + Guid.NewGuid().ToString("N"));
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var records = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + Patience;
        while (records.Count < expectedCount && DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is not null && !record.IsPartitionEOF)
            {
                records.Add(record);
            }
        }

        consumer.Close();
        return records;
    }

    /// <summary>Reads every record present now, stopping at the end of each partition (30 s at most).</summary>
    public static List<ConsumeResult<string, byte[]>> ReadToEnd(
        KafkaClientConfigFactory clientConfigs, string topic, int partitions, CancellationToken cancellationToken)
    {
        var config = clientConfigs.CreateConsumerConfig("reader-" + Guid.NewGuid().ToString("N"));
        config.EnableAutoCommit = false;
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var records = new List<ConsumeResult<string, byte[]>>();
        var finished = new HashSet<int>();
        var deadline = DateTime.UtcNow + Patience;
        while (finished.Count < partitions && DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null)
            {
                continue;
            }

            if (record.IsPartitionEOF)
            {
                finished.Add(record.Partition.Value);
            }
            else
            {
                records.Add(record);
            }
        }

        consumer.Close();
        return records;
    }
}
