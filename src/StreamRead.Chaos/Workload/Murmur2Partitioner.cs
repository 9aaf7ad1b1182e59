using System.Text;

namespace StreamRead.Chaos;

/// <summary>
/// The Java client's key partitioning (<c>Utils.murmur2</c> and
/// <c>toPositive(hash) % partitions</c>), which StreamRead's producers use too (murmur2_random): the fuzzer
/// places its 1 MiB records on distinct partitions, so no dead-letter partition outgrows the dev broker.
/// </summary>
internal static class Murmur2Partitioner
{
    /// <summary>Java's <c>Utils.murmur2</c>: MurmurHash2, seed 0x9747b28c, little-endian 4-byte blocks.</summary>
    public static int Hash(ReadOnlySpan<byte> data)
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

    /// <summary>The partition the Java producer's default partitioner picks for a UTF-8 key.</summary>
    public static int Partition(string key, int partitions) => (Hash(Encoding.UTF8.GetBytes(key)) & 0x7fffffff) % partitions;
}
