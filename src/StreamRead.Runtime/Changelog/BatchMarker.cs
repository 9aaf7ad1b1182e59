using System.Buffers.Binary;
using System.Text;

namespace StreamRead.Runtime.Changelog;

/// <summary>
/// The last record of a committed batch: from here on, every record of
/// <see cref="Batch"/>'s epoch up to its sequence is part of the state, and input resumes at
/// <see cref="NextOffsets"/> (per input topic of the task's partition).
/// </summary>
/// <param name="RestatementPending">
/// Whether the task still owed a restatement after a replay when it committed this batch
/// (<see cref="Tasks.PartitionTask.RestateAfterReplay"/>): a task restored from it restates every
/// conversation, since the marker does not say which ones the earlier replays touched.
/// </param>
internal sealed record BatchMarker(BatchId Batch, IReadOnlyDictionary<string, long> NextOffsets, bool RestatementPending = false)
{
    // Format 1 had no flags byte; it decodes as "no restatement pending".
    private const byte FormatVersion = 2;
    private const byte RestatementPendingFlag = 1;

    public byte[] Encode()
    {
        var size = 1 + 16 + 2 + 1;
        foreach (var (topic, _) in NextOffsets)
        {
            size += 2 + Encoding.UTF8.GetByteCount(topic) + 8;
        }

        var bytes = new byte[size];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), Batch.Epoch);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(9), Batch.Sequence);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(17), checked((ushort)NextOffsets.Count));
        var at = 19;
        foreach (var (topic, offset) in NextOffsets.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var length = Encoding.UTF8.GetBytes(topic, bytes.AsSpan(at + 2));
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)length);
            at += 2 + length;
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at), offset);
            at += 8;
        }

        bytes[at] = RestatementPending ? RestatementPendingFlag : (byte)0;
        return bytes;
    }

    public static BatchMarker Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 19 || bytes[0] is not (1 or FormatVersion))
        {
            throw new FormatException($"unsupported batch marker ({bytes.Length} bytes, format {(bytes.IsEmpty ? -1 : bytes[0])})");
        }

        var batch = new BatchId(BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), BinaryPrimitives.ReadInt64BigEndian(bytes[9..]));
        var count = BinaryPrimitives.ReadUInt16BigEndian(bytes[17..]);
        var offsets = new Dictionary<string, long>(count, StringComparer.Ordinal);
        var at = 19;
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
            var topic = Encoding.UTF8.GetString(bytes.Slice(at + 2, length));
            at += 2 + length;
            offsets[topic] = BinaryPrimitives.ReadInt64BigEndian(bytes[at..]);
            at += 8;
        }

        var pending = bytes[0] == FormatVersion && (bytes[at] & RestatementPendingFlag) != 0;
        return new BatchMarker(batch, offsets, pending);
    }
}
