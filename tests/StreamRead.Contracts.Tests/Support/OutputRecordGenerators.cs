using FsCheck;
using FsCheck.Fluent;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>FsCheck generators of the output records of SPEC 3.</summary>
internal static class OutputRecordGenerators
{
    private static Gen<long> Count { get; } = Gen.Choose(0, 100_000).Select(count => (long)count);

    private static Gen<T[]> UpTo<T>(int max, Gen<T> item) => Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(item, n));

    public static Gen<ReceiptUpdate> ReceiptUpdate { get; } =
        from conversationId in ChatEventGenerators.Id
        from version in ChatEventGenerators.IntegerFrom(1)
        from kind in Gen.Elements(ConversationKind.Group, ConversationKind.Direct)
        from lastSeq in ChatEventGenerators.IntegerFrom(0)
        from messageCount in Count
        from hotWindowFrom in ChatEventGenerators.IntegerFrom(0)
        from emittedAt in ChatEventGenerators.Timestamp
        from messages in UpTo(3, from seq in ChatEventGenerators.IntegerFrom(1) from sender in ChatEventGenerators.Id from sentAt in Gen.Frequency((4, ChatEventGenerators.Timestamp.Select(t => (DateTimeOffset?)t)), (1, Gen.Constant<DateTimeOffset?>(null)))
                                 select new ReceiptMessage(seq, sender, sentAt))
        from counts in UpTo(3, from seq in ChatEventGenerators.IntegerFrom(1) from read in Count from unread in Count
                               select new ReceiptCount(seq, read, unread, read + unread))
        from evicted in UpTo(3, ChatEventGenerators.IntegerFrom(1))
        from watermarks in UpTo(3, from user in ChatEventGenerators.Id from readSeq in ChatEventGenerators.IntegerFrom(0) select new ReceiptWatermark(user, readSeq))
        from members in UpTo(3, from user in ChatEventGenerators.Id from member in Gen.Elements(true, false) from afterSeq in ChatEventGenerators.IntegerFrom(0)
                                from readSeq in ChatEventGenerators.IntegerFrom(0)
                                select new ReceiptMember(user, member, member ? afterSeq : null, member ? readSeq : null))
        from badges in UpTo(3, from user in ChatEventGenerators.Id from unread in Count from readSeq in ChatEventGenerators.IntegerFrom(0) select new ReceiptBadge(user, unread, readSeq))
        from fullState in Gen.Elements(false, false, true)
        select new ReceiptUpdate(conversationId, version, kind, lastSeq, messageCount, hotWindowFrom, emittedAt)
        {
            FullState = fullState,
            Messages = messages,
            Counts = counts,
            Evicted = evicted,
            Watermarks = watermarks,
            Members = members,
            Badges = badges,
        };

    /// <summary>Raw bytes: null, text, or anything.</summary>
    public static Gen<byte[]?> RawBytes { get; } = Gen.Frequency(
        (1, Gen.Constant<byte[]?>(null)),
        (2, ChatEventGenerators.Id.Select(text => (byte[]?)System.Text.Encoding.UTF8.GetBytes(text))),
        (2, Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Select(bytes => (byte[]?)bytes)));

    public static Gen<(DeadLetterRecord Record, byte[]? Key, byte[]? Value)> DeadLetter { get; } =
        from topic in Gen.Elements(TopicNames.Inputs.ToArray())
        from partition in Gen.Choose(0, 1000)
        from offset in ChatEventGenerators.IntegerFrom(0)
        from timestamp in ChatEventGenerators.Timestamp
        from key in RawBytes
        from value in RawBytes
        from code in Gen.Elements(Enum.GetValues<DeadLetterReasonCode>())
        from message in ChatEventGenerators.Id
        from deadLetteredAt in ChatEventGenerators.Timestamp
        select (DeadLetterRecord.Create(topic, partition, offset, timestamp, key, value, new DeadLetterReason(code, message), deadLetteredAt), key, value);
}
