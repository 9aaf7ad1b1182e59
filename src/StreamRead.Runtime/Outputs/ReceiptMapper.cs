using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using StreamRead.Model;

namespace StreamRead.Runtime.Outputs;

/// <summary>Turns a conversation's drained changes into its <c>streamread.receipts</c> update (SPEC 3).</summary>
internal static class ReceiptMapper
{
    /// <summary>
    /// One update per drained conversation, even when only its version moved (a duplicate, or a
    /// pending early read): consumers then hold exactly the processor's version, whatever the batch
    /// boundaries were, so a run with crashes ends in the same serving state as one without.
    /// </summary>
    public static ReceiptUpdate ToReceiptUpdate(ConversationChanges changes, DateTimeOffset emittedAt)
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
