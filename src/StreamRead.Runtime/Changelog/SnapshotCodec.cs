using System.Buffers;
using StreamRead.Model;

namespace StreamRead.Runtime.Changelog;

/// <summary>
/// The binary values of changelog records: a format byte, then zigzag varints. The ids live in
/// the record's key (<see cref="ChangelogKey"/>), so values never repeat them.
/// </summary>
/// <remarks>
/// A conversation's sender log (one sender per known message) grows with the conversation, so it
/// is not part of the conversation record: it is split into chunks of <see cref="SenderChunkSize"/>
/// messages by ordinal, and a flush rewrites only the chunks its new messages touched.
/// </remarks>
internal static class SnapshotCodec
{
    /// <summary>Known messages per sender-chunk record.</summary>
    public const int SenderChunkSize = 64;

    private const byte ConversationFormat = 1;
    private const byte MemberFormat = 1;
    private const byte SenderChunkFormat = 1;

    public static byte[] EncodeConversation(ConversationSnapshot snapshot)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var w = new ValueWriter(buffer);
        w.Byte(ConversationFormat);
        w.Long(snapshot.Version);
        w.Bool(snapshot.IsDirect);
        w.Long(snapshot.RunStarts.Length);
        for (var i = 0; i < snapshot.RunStarts.Length; i++)
        {
            w.Long(snapshot.RunStarts[i]);
            w.Long(snapshot.RunEnds[i] - snapshot.RunStarts[i]);
        }

        w.Long(snapshot.MessageCount);

        w.Long(snapshot.HotMessages.Length);
        foreach (var hot in snapshot.HotMessages)
        {
            w.Long(hot.Seq);
            w.Long(hot.SentAtMs);
            w.Long(hot.CoverTimeMs);
            w.Long(hot.EmittedRead);
            w.Long(hot.EmittedEligible);
            w.Byte((byte)((hot.FirstReadFired ? 1 : 0) | (hot.HalfReadFired ? 2 : 0) | (hot.AllReadFired ? 4 : 0)));
        }

        w.Long(snapshot.BelowHotCoverTimeMs);
        return buffer.WrittenSpan.ToArray();
    }

    /// <param name="senders">The sender of every known message by ordinal, assembled from the sender chunks.</param>
    public static ConversationSnapshot DecodeConversation(string conversationId, ReadOnlySpan<byte> bytes, IReadOnlyList<string> senders)
    {
        var r = new ValueReader(bytes);
        Expect(r.Byte(), ConversationFormat, "conversation");
        var version = r.Long();
        var isDirect = r.Bool();
        var runs = r.Count();
        var starts = new long[runs];
        var ends = new long[runs];
        for (var i = 0; i < runs; i++)
        {
            starts[i] = r.Long();
            ends[i] = starts[i] + r.Long();
        }

        var messageCount = r.Count();
        if (senders.Count != messageCount)
        {
            throw new InvalidDataException(
                $"conversation '{conversationId}' has {messageCount} known messages but its sender chunks hold {senders.Count}");
        }

        var senderTable = new List<string>();
        var senderIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var messageSenders = new int[messageCount];
        for (var i = 0; i < messageCount; i++)
        {
            if (!senderIndex.TryGetValue(senders[i], out var index))
            {
                senderIndex[senders[i]] = index = senderTable.Count;
                senderTable.Add(senders[i]);
            }

            messageSenders[i] = index;
        }

        var hot = new HotMessageSnapshot[r.Count()];
        for (var i = 0; i < hot.Length; i++)
        {
            var (seq, sentAt, cover, read, eligible) = (r.Long(), r.Long(), r.Long(), r.Long(), r.Long());
            var flags = r.Byte();
            hot[i] = new HotMessageSnapshot(seq, sentAt, cover, read, eligible, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
        }

        var belowHotCoverTime = r.Long();
        ExpectEnd(ref r, "conversation");
        return new ConversationSnapshot(conversationId, version, isDirect, starts, ends, [.. senderTable], messageSenders, hot, belowHotCoverTime);
    }

    /// <summary>
    /// The sender chunks to write after new messages became known: from the chunk of the lowest
    /// new message's ordinal (appends touch only the last chunk; an out-of-order message shifts the
    /// ordinals after it) to the last chunk. Only those chunks' senders are read from <paramref name="state"/>,
    /// so the cost does not grow with the conversation's history.
    /// </summary>
    /// <param name="state">The conversation, drained.</param>
    /// <param name="snapshot">Its snapshot (with or without senders).</param>
    /// <param name="newSeqs">The seqs of the messages that became known since the last flush.</param>
    public static IEnumerable<(long Chunk, byte[] Value)> EncodeSenderChunks(ConversationState state, ConversationSnapshot snapshot, IEnumerable<long> newSeqs)
    {
        var count = snapshot.MessageCount;
        var first = long.MaxValue;
        foreach (var seq in newSeqs)
        {
            first = Math.Min(first, OrdinalOf(snapshot, seq));
        }

        if (first == long.MaxValue || count == 0)
        {
            yield break;
        }

        for (var chunk = first / SenderChunkSize; chunk <= (count - 1) / SenderChunkSize; chunk++)
        {
            var buffer = new ArrayBufferWriter<byte>(SenderChunkSize * 12);
            var w = new ValueWriter(buffer);
            w.Byte(SenderChunkFormat);
            var from = chunk * SenderChunkSize;
            var to = Math.Min(count, from + SenderChunkSize);
            w.Long(to - from);
            foreach (var sender in state.SendersFrom(from, to))
            {
                w.String(sender);
            }

            yield return (chunk, buffer.WrittenSpan.ToArray());
        }
    }

    public static string[] DecodeSenderChunk(ReadOnlySpan<byte> bytes)
    {
        var r = new ValueReader(bytes);
        Expect(r.Byte(), SenderChunkFormat, "sender chunk");
        var senders = new string[r.Count(SenderChunkSize)];
        for (var i = 0; i < senders.Length; i++)
        {
            senders[i] = r.String();
        }

        ExpectEnd(ref r, "sender chunk");
        return senders;
    }

    /// <summary>The number of known seqs below <paramref name="seq"/>: its ordinal in the sender log.</summary>
    private static long OrdinalOf(ConversationSnapshot snapshot, long seq)
    {
        var ordinal = 0L;
        for (var i = 0; i < snapshot.RunStarts.Length && snapshot.RunStarts[i] <= seq; i++)
        {
            ordinal += Math.Min(seq, snapshot.RunEnds[i] + 1) - snapshot.RunStarts[i];
        }

        return ordinal;
    }

    public static byte[] EncodeMember(MemberSnapshot member)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        var w = new ValueWriter(buffer);
        w.Byte(MemberFormat);
        w.Long(member.Ordinal);
        w.Bool(member.IsMember);
        w.Long(member.MembershipClockMs);
        w.Long(member.AfterSeq);
        w.Long(member.PublicWatermark);
        w.Long(member.ReadPosition);
        w.Long(member.PendingReads.Length);
        foreach (var pending in member.PendingReads)
        {
            w.Long(pending.ReadSeq);
            w.Long(pending.TimestampMs);
            w.Bool(pending.IsPrivate);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static MemberSnapshot DecodeMember(string userId, ReadOnlySpan<byte> bytes)
    {
        var r = new ValueReader(bytes);
        Expect(r.Byte(), MemberFormat, "member");
        var ordinal = checked((int)r.Long());
        var isMember = r.Bool();
        var (clock, after, watermark, position) = (r.Long(), r.Long(), r.Long(), r.Long());
        var pending = new PendingRead[r.Count(1_000)];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = new PendingRead(r.Long(), r.Long(), r.Bool());
        }

        ExpectEnd(ref r, "member");
        return new MemberSnapshot(userId, ordinal, isMember, clock, after, watermark, position, pending);
    }

    private static void Expect(byte format, byte expected, string what)
    {
        if (format != expected)
        {
            throw new FormatException($"{what} changelog value has format {format}; this version reads format {expected}");
        }
    }

    private static void ExpectEnd(ref ValueReader reader, string what)
    {
        if (!reader.AtEnd)
        {
            throw new FormatException($"{what} changelog value has trailing bytes");
        }
    }
}
