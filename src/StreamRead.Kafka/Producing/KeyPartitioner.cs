using System.Text;

namespace StreamRead.Kafka.Producing;

/// <summary>
/// The partition a keyed record goes to: the Java clients' default partitioner (<c>Utils.murmur2</c>,
/// then <c>toPositive(hash) % partitions</c>), which librdkafka's <c>murmur2_random</c> and so every
/// StreamRead producer use too (SPEC 1: co-partitioned inputs). For placing records ahead of time,
/// e.g. spreading test or benchmark conversations over partitions.
/// </summary>
public static class KeyPartitioner
{
    /// <summary>The partition of a UTF-8 <paramref name="key"/> among <paramref name="partitions"/>.</summary>
    public static int PartitionOf(string key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return (Murmur2(Encoding.UTF8.GetBytes(key)) & 0x7fffffff) % partitions;
    }

    /// <summary>Java's <c>Utils.murmur2</c>: MurmurHash2, seed 0x9747b28c, little-endian 4-byte blocks.</summary>
    public static int Murmur2(ReadOnlySpan<byte> data)
    {
        const uint m = 0x5bd1e995;
        const int r = 24;
        var length = data.Length;
        var h = 0x9747b28cu ^ (uint)length;
        var blocks = length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var offset = i * 4;
            var k = (uint)(data[offset] | data[offset + 1] << 8 | data[offset + 2] << 16 | data[offset + 3] << 24);
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
