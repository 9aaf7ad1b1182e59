using System.Buffers.Binary;

namespace StreamRead.Runtime.Changelog;

/// <summary>
/// Identifies one flush of one task: the task's epoch (a new one each time the task starts)
/// and the batch's sequence within it (from 1). Every changelog record carries it in the
/// <see cref="HeaderName"/> header so restore can tell committed batches from a crashed one.
/// </summary>
internal readonly record struct BatchId(long Epoch, long Sequence)
{
    /// <summary>Kafka header carrying the batch id of a changelog record.</summary>
    public const string HeaderName = "sr-batch";

    private const int EncodedLength = 16;

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Epoch);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), Sequence);
        return bytes;
    }

    public static BatchId Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != EncodedLength)
        {
            throw new FormatException($"a '{HeaderName}' header has {bytes.Length} bytes, expected {EncodedLength}");
        }

        return new BatchId(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
    }

    public override string ToString() => $"{Epoch}.{Sequence}";
}
