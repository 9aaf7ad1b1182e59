using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;

namespace StreamRead.Api.Tests.Push;

/// <summary>Receipts updates as the processor emits them, for hub tests.</summary>
internal static class Updates
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public static ReceiptUpdate Counts(string conversationId, long version, params (long Seq, long Read, long Eligible)[] counts) =>
        new(conversationId, version, ConversationKind.Group, counts.Max(c => c.Seq), counts.Length, 1, Now)
        {
            Counts = [.. counts.Select(c => new ReceiptCount(c.Seq, c.Read, c.Eligible - c.Read, c.Eligible))],
        };

    /// <summary>Messages by <paramref name="sender"/>: the sender's badge changes (sending reads), nobody else's entry appears.</summary>
    public static ReceiptUpdate Messages(string conversationId, long version, long messageCount, string sender, params long[] seqs) =>
        new(conversationId, version, ConversationKind.Group, seqs.Max(), messageCount, 1, Now)
        {
            Messages = [.. seqs.Select(s => new ReceiptMessage(s, sender, Now))],
            Members = [new ReceiptMember(sender, true, 0, seqs.Max())],
            Badges = [new ReceiptBadge(sender, 0, seqs.Max())],
        };

    /// <summary>A read report of <paramref name="user"/>: its own badge entry, absolute.</summary>
    public static ReceiptUpdate Badge(string conversationId, long version, long lastSeq, long messageCount, string user, long unread, long readSeq, bool member = true, long afterSeq = 0) =>
        new(conversationId, version, ConversationKind.Group, lastSeq, messageCount, 1, Now)
        {
            Members = [member ? new ReceiptMember(user, true, afterSeq, 0) : new ReceiptMember(user, false)],
            Badges = [new ReceiptBadge(user, unread, readSeq)],
        };
}
