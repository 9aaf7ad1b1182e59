using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using StreamRead.Model;

namespace StreamRead.Runtime.Outputs;

/// <summary>Turns a conversation's drained changes into its <c>streamread.receipts</c> update (SPEC 3).</summary>
internal static class ReceiptMapper
{
    /// <summary>Null when nothing a receipts consumer sees changed (e.g. only a pending early read was stored).</summary>
    public static ReceiptUpdate? ToReceiptUpdate(ConversationChanges changes, DateTimeOffset emittedAt)
    {
        var watermarks = new List<ReceiptWatermark>();
        var members = new List<ReceiptMember>(changes.Members.Count);
        var badges = new List<ReceiptBadge>(changes.Members.Count);
        foreach (var change in changes.Members)
        {
            var m = change.Snapshot;
            // Absolute values for every member that changed: membership, eligibility and the
            // public watermark (which Redis needs when a member rejoins), and the badge.
            members.Add(new ReceiptMember(m.UserId, m.IsMember, m.IsMember ? m.AfterSeq : null, m.IsMember ? m.PublicWatermark : null));
            badges.Add(new ReceiptBadge(m.UserId, change.Unread, m.ReadPosition));
            if (change.PublicWatermarkAdvanced)
            {
                watermarks.Add(new ReceiptWatermark(m.UserId, m.PublicWatermark));
            }
        }

        if (members.Count == 0 && changes.Messages.Count == 0 && changes.Counts.Count == 0 && changes.EvictedSeqs.Count == 0)
        {
            return null;
        }

        return new ReceiptUpdate(
            changes.ConversationId,
            changes.Version,
            changes.IsDirect ? ConversationKind.Direct : ConversationKind.Group,
            changes.LastSeq,
            changes.KnownMessageCount,
            changes.HotWindowFrom,
            emittedAt)
        {
            Messages = changes.Messages.Select(m => new ReceiptMessage(m.Seq, m.SenderId, DateTimeOffset.FromUnixTimeMilliseconds(m.SentAtMs))).ToList(),
            Counts = changes.Counts.Select(c => new ReceiptCount(c.Seq, c.Read, c.Eligible - c.Read, c.Eligible)).ToList(),
            Evicted = changes.EvictedSeqs,
            Watermarks = watermarks,
            Members = members,
            Badges = badges,
        };
    }
}
