using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using StreamRead.Model;

namespace StreamRead.Runtime.Outputs;

/// <summary>Turns a conversation's drained changes into its <c>streamread.receipts</c> updates (SPEC 3).</summary>
internal static class ReceiptMapper
{
    /// <summary>Entries per list in one update, so a flush touching a 100,000-member group stays far below Kafka's record size limit.</summary>
    public const int MaxEntriesPerUpdate = 1_000;

    /// <summary>
    /// At least one update per drained conversation, even when only its version moved (a duplicate,
    /// or a pending early read): consumers then hold exactly the processor's version, whatever the
    /// batch boundaries were, so a run with crashes ends in the same serving state as one without.
    /// A large change is split into several updates with the same version; each member's entries
    /// (membership, watermark, badge) stay together in one of them.
    /// </summary>
    public static IEnumerable<ReceiptUpdate> ToReceiptUpdates(ConversationChanges changes, DateTimeOffset emittedAt, int maxEntries = MaxEntriesPerUpdate)
    {
        var parts = Math.Max(1, new[] { changes.Members.Count, changes.Messages.Count, changes.Counts.Count, changes.EvictedSeqs.Count }
            .Max(n => (n + maxEntries - 1) / maxEntries));
        for (var part = 0; part < parts; part++)
        {
            var from = part * maxEntries;
            var watermarks = new List<ReceiptWatermark>();
            var members = new List<ReceiptMember>();
            var badges = new List<ReceiptBadge>();
            foreach (var change in Slice(changes.Members, from, maxEntries))
            {
                var m = change.Snapshot;
                // Absolute values for every member that changed: membership, eligibility and the
                // public watermark (which a consumer needs when a member rejoins), and the badge.
                members.Add(new ReceiptMember(m.UserId, m.IsMember, m.IsMember ? m.AfterSeq : null, m.IsMember ? m.PublicWatermark : null));
                badges.Add(new ReceiptBadge(m.UserId, change.Unread, m.ReadPosition));
                if (change.PublicWatermarkAdvanced)
                {
                    watermarks.Add(new ReceiptWatermark(m.UserId, m.PublicWatermark));
                }
            }

            yield return new ReceiptUpdate(
                changes.ConversationId,
                changes.Version,
                changes.IsDirect ? ConversationKind.Direct : ConversationKind.Group,
                changes.LastSeq,
                changes.KnownMessageCount,
                changes.HotWindowFrom,
                emittedAt)
            {
                Messages = Slice(changes.Messages, from, maxEntries)
                    .Select(m => new ReceiptMessage(m.Seq, m.SenderId, DateTimeOffset.FromUnixTimeMilliseconds(m.SentAtMs))).ToList(),
                Counts = Slice(changes.Counts, from, maxEntries)
                    .Select(c => new ReceiptCount(c.Seq, c.Read, c.Eligible - c.Read, c.Eligible)).ToList(),
                Evicted = Slice(changes.EvictedSeqs, from, maxEntries).ToList(),
                Watermarks = watermarks,
                Members = members,
                Badges = badges,
            };
        }
    }

    /// <summary>
    /// Turns a conversation's full state into <c>fullState</c> updates (a serving-store rebuild,
    /// docs/design.md), split as <see cref="ToReceiptUpdates(ConversationChanges, DateTimeOffset, int)"/> splits:
    /// every user with membership, eligibility, public watermark and badge; every known message with
    /// its sender; the counts of the hot window. Each part carries the current version.
    /// </summary>
    public static IEnumerable<ReceiptUpdate> ToReceiptUpdates(ConversationFullState full, DateTimeOffset emittedAt, int maxEntries = MaxEntriesPerUpdate)
    {
        var parts = Math.Max(1, new[] { full.Members.Count, full.Messages.Count, full.Counts.Count }.Max(n => (n + maxEntries - 1) / maxEntries));
        for (var part = 0; part < parts; part++)
        {
            var from = part * maxEntries;
            var members = new List<ReceiptMember>();
            var badges = new List<ReceiptBadge>();
            foreach (var change in Slice(full.Members, from, maxEntries))
            {
                var m = change.Snapshot;
                members.Add(new ReceiptMember(m.UserId, m.IsMember, m.IsMember ? m.AfterSeq : null, m.IsMember ? m.PublicWatermark : null));
                badges.Add(new ReceiptBadge(m.UserId, change.Unread, m.ReadPosition));
            }

            yield return new ReceiptUpdate(
                full.ConversationId,
                full.Version,
                full.IsDirect ? ConversationKind.Direct : ConversationKind.Group,
                full.LastSeq,
                full.KnownMessageCount,
                full.HotWindowFrom,
                emittedAt)
            {
                FullState = true,
                Messages = Slice(full.Messages, from, maxEntries)
                    .Select(m => new ReceiptMessage(m.Seq, m.SenderId, m.SentAtMs is { } sentAt ? DateTimeOffset.FromUnixTimeMilliseconds(sentAt) : null)).ToList(),
                Counts = Slice(full.Counts, from, maxEntries)
                    .Select(c => new ReceiptCount(c.Seq, c.Read, c.Eligible - c.Read, c.Eligible)).ToList(),
                Members = members,
                Badges = badges,
            };
        }
    }

    private static IEnumerable<T> Slice<T>(IReadOnlyList<T> list, int from, int count)
    {
        for (var i = from; i < Math.Min(list.Count, from + count); i++)
        {
            yield return list[i];
        }
    }
}
