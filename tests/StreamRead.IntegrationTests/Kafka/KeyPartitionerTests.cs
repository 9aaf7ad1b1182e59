using System.Text;
using StreamRead.Kafka.Producing;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

/// <summary>Pins <see cref="KeyPartitioner"/> to the Java client's published vectors (Kafka's UtilsTest).</summary>
public sealed class KeyPartitionerTests
{
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Hash_matches_the_java_client(string key, int javaHash)
    {
        Assert.Equal(javaHash, KeyPartitioner.Murmur2(Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public void Partition_keeps_the_low_31_bits_of_the_hash_like_toPositive()
    {
        // "foobar" hashes to -790332482: toPositive gives 1357151166, and 1357151166 % 8 = 6.
        // Math.Abs would give 790332482 % 8 = 2, the classic porting mistake.
        Assert.Equal(6, KeyPartitioner.PartitionOf("foobar", 8));
    }
}
