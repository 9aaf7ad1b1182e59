using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamRead.Runtime.Changelog;

/// <summary>
/// Reads one changelog partition from its beginning to its current end and feeds it to a
/// <see cref="ChangelogRestorer"/> (after Kafka Streams' StoreChangelogReader, without standby
/// tasks). With transactions, only committed records are read.
/// </summary>
internal sealed class ChangelogReader(ConsumerConfig baseConfig, bool readCommitted, ILogger logger)
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The end offset of the partition now (the offset the next written record gets).</summary>
    public long EndOffset(TopicPartition partition) => Watermarks([partition])[0].High.Value;

    /// <summary>The first and the end offsets of any partitions now, on one consumer.</summary>
    public List<WatermarkOffsets> Watermarks(IEnumerable<TopicPartition> partitions)
    {
        using var consumer = Build();
        return partitions.Select(p => consumer.QueryWatermarkOffsets(p, MetadataTimeout)).ToList();
    }

    public RestoredChangelog Restore(TopicPartition partition, CancellationToken cancellationToken)
    {
        using var consumer = Build();
        var watermarks = consumer.QueryWatermarkOffsets(partition, MetadataTimeout);
        var restorer = new ChangelogRestorer();
        if (watermarks.Low.Value > 0)
        {
            // Only compaction may remove the head of a changelog. librdkafka's mock cluster has
            // none but drops data beyond 5 MiB per partition: then the state is incomplete.
            logger.LogWarning(
                "changelog {Partition} starts at offset {Low}, not 0: fine after compaction on a real cluster, " +
                "but on the dev broker it means records were dropped (5 MiB per partition) and state is incomplete",
                partition, watermarks.Low.Value);
        }

        if (watermarks.High.Value > watermarks.Low.Value)
        {
            // The low watermark just queried, not Offset.Beginning: a logical offset makes
            // librdkafka look the offset up again before the first fetch, about 500 ms per partition
            // (docs/benchmarks.md, restore). Should compaction move the head meanwhile, the
            // out-of-range reset (earliest) still starts at the beginning.
            consumer.Assign(new TopicPartitionOffset(partition, watermarks.Low));
            while (true)
            {
                var record = consumer.Consume(cancellationToken);
                if (record.IsPartitionEOF)
                {
                    // Done at the end offset queried above (later records belong to no batch we
                    // restore); an end-of-partition event before it only says a fetch came back empty.
                    if (record.Offset.Value >= watermarks.High.Value)
                    {
                        break;
                    }

                    continue;
                }

                var header = record.Message.Headers?.FirstOrDefault(h => h.Key == BatchId.HeaderName)
                    ?? throw new InvalidDataException(
                        $"changelog record {partition}@{record.Offset.Value} has no '{BatchId.HeaderName}' header: " +
                        "was the changelog topic written by something other than StreamRead?");
                restorer.Add(record.Message.Key, record.Message.Value, BatchId.Decode(header.GetValueBytes()));
            }
        }

        return restorer.Complete();
    }

    private IConsumer<byte[], byte[]> Build()
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(baseConfig))
        {
            // Assign-only: the group id is required by the client but no offset is ever committed.
            GroupId = (baseConfig.GroupId ?? "streamread") + "-restore",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = readCommitted ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted,
            // End-of-partition is only noticed by a fetch that returns nothing: do not let the
            // broker hold it for the default 500 ms.
            FetchWaitMaxMs = 10,
            FetchMaxBytes = 64 * 1024 * 1024,
            MaxPartitionFetchBytes = 16 * 1024 * 1024,
        };
        return new ConsumerBuilder<byte[], byte[]>(config).Build();
    }
}
