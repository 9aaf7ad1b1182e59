using StreamRead.Kafka.Producing;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// Conversation ids placed on partitions with <see cref="KeyPartitioner"/>, the producers' own
/// partitioner: the bench spreads scenario conversations evenly, so no partition of the dev broker
/// overflows its 5 MiB.
/// </summary>
internal static class KafkaPartitioner
{
    /// <summary>
    /// Ids <c>{prefix}{n}</c>, one per partition in turn, so <paramref name="count"/> conversations
    /// spread as evenly as the partition count allows.
    /// </summary>
    public static List<string> SpreadIds(string prefix, int count, int partitions)
    {
        var perPartition = new int[partitions];
        var ids = new List<string>(count);
        var target = (count + partitions - 1) / partitions;
        for (var n = 0; ids.Count < count; n++)
        {
            var id = prefix + n;
            var partition = KeyPartitioner.PartitionOf(id, partitions);
            if (perPartition[partition] < target)
            {
                perPartition[partition]++;
                ids.Add(id);
            }
        }

        return ids;
    }
}
