using System.Text;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// The partition the gateway producer picks for a key: the Java clients' murmur2 hash, as
/// librdkafka's <c>murmur2_random</c> computes it (SPEC 1). The bench uses it to place scenario
/// conversations on distinct partitions, so no partition of the dev broker overflows its 5 MiB.
/// </summary>
internal static class KafkaPartitioner
{
    public static int PartitionOf(string key, int partitions) => (Murmur2(Encoding.UTF8.GetBytes(key)) & 0x7fffffff) % partitions;

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
            var partition = PartitionOf(id, partitions);
            if (perPartition[partition] < target)
            {
                perPartition[partition]++;
                ids.Add(id);
            }
        }

        return ids;
    }

    private static int Murmur2(byte[] data)
    {
        const uint m = 0x5bd1e995;
        const int r = 24;
        var length = data.Length;
        var h = 0x9747b28c ^ (uint)length;
        var length4 = length / 4;
        for (var i = 0; i < length4; i++)
        {
            var i4 = i * 4;
            var k = data[i4] | ((uint)data[i4 + 1] << 8) | ((uint)data[i4 + 2] << 16) | ((uint)data[i4 + 3] << 24);
            k *= m;
            k ^= k >> r;
            k *= m;
            h *= m;
            h ^= k;
        }

        var tail = length & ~3;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= m;
                break;
        }

        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return (int)h;
    }
}
