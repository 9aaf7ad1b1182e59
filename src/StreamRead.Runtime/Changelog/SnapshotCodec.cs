using System.Buffers;
using StreamRead.Model;

namespace StreamRead.Runtime.Changelog;

/// <summary>
/// The binary values of changelog records: a format byte, then zigzag varints. The ids live in
/// the record's key (<see cref="ChangelogKey"/>), so values never repeat them.
/// </summary>
internal static class SnapshotCodec
{
    private const byte ConversationFormat = 1;
    private const byte MemberFormat = 1;

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

        w.Long(snapshot.Senders.Length);
        foreach (var sender in snapshot.Senders)
        {
            w.String(sender);
        }

        w.Long(snapshot.MessageSenders.Length);
        foreach (var sender in snapshot.MessageSenders)
        {
            w.Long(sender);
        }

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

    public static ConversationSnapshot DecodeConversation(string conversationId, ReadOnlySpan<byte> bytes)
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

        var senders = new string[r.Count()];
        for (var i = 0; i < senders.Length; i++)
        {
            senders[i] = r.String();
        }

        var messageSenders = new int[r.Count()];
        for (var i = 0; i < messageSenders.Length; i++)
        {
            messageSenders[i] = checked((int)r.Long());
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
        return new ConversationSnapshot(conversationId, version, isDirect, starts, ends, senders, messageSenders, hot, belowHotCoverTime);
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
