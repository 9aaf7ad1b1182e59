using System.Text;
using StreamRead.Model;

namespace StreamRead.Model.Tests.Support;

/// <summary>
/// What a sink builds from drains alone, as the Redis sink does: latest counts per hot seq (evicted
/// seqs removed), latest snapshot per member, every known seq, the conversation's latest facts.
/// </summary>
internal sealed class DrainProjection
{
    public Dictionary<long, (long Read, long Eligible)> Counts { get; } = [];

    public Dictionary<string, MemberSnapshot> Members { get; } = new(StringComparer.Ordinal);

    public SortedSet<long> Known { get; } = [];

    public List<Milestone> Milestones { get; } = [];

    public ConversationChanges? Latest { get; private set; }

    public void Fold(ConversationChanges changes)
    {
        foreach (long seq in changes.EvictedSeqs)
        {
            Counts.Remove(seq);
        }

        foreach (MessageCounts counts in changes.Counts)
        {
            Counts[counts.Seq] = (counts.Read, counts.Eligible);
        }

        foreach (MemberChange member in changes.Members)
        {
            Members[member.UserId] = member.Snapshot;
        }

        foreach (NewMessage message in changes.Messages)
        {
            Known.Add(message.Seq);
        }

        Milestones.AddRange(changes.Milestones);
        Latest = changes;
    }

    /// <summary>Folds a full state as a sink does: absolute values over whatever the projection holds.</summary>
    public void Fold(ConversationFullState full)
    {
        foreach (MessageCounts counts in full.Counts)
        {
            Counts[counts.Seq] = (counts.Read, counts.Eligible);
        }

        foreach (MemberChange member in full.Members)
        {
            Members[member.UserId] = member.Snapshot;
        }

        foreach (KnownMessage message in full.Messages)
        {
            Known.Add(message.Seq);
        }

        Latest = new ConversationChanges
        {
            ConversationId = full.ConversationId,
            Version = full.Version,
            LastSeq = full.LastSeq,
            KnownMessageCount = full.KnownMessageCount,
            IsDirect = full.IsDirect,
            HotWindowFrom = full.HotWindowFrom,
        };
    }

    /// <summary>The badge a sink derives: known seqs above max(own position, eligibility point) for a member.</summary>
    public long Badge(string user) =>
        Members.TryGetValue(user, out MemberSnapshot? m) && m.IsMember
            ? Known.Count(seq => seq > Math.Max(m.ReadPosition, m.AfterSeq))
            : 0;

    /// <summary>Canonical text of a drain, to compare two drains field by field.</summary>
    public static string Describe(ConversationChanges c)
    {
        var text = new StringBuilder();
        text.AppendLine($"{c.ConversationId} v{c.Version} last={c.LastSeq} known={c.KnownMessageCount} direct={c.IsDirect} hotFrom={c.HotWindowFrom}");
        foreach (MemberChange m in c.Members)
        {
            text.AppendLine($"  member {m.Snapshot} pending=[{string.Join(", ", m.Snapshot.PendingReads)}] unread={m.Unread} advanced={m.PublicWatermarkAdvanced}");
        }

        text.AppendLine($"  messages [{string.Join(", ", c.Messages)}]");
        text.AppendLine($"  counts [{string.Join(", ", c.Counts)}]");
        text.AppendLine($"  evicted [{string.Join(", ", c.EvictedSeqs)}]");
        text.AppendLine($"  advances [{string.Join(", ", c.ReadAdvances)}]");
        text.AppendLine($"  milestones [{string.Join(", ", c.Milestones)}]");
        return text.ToString();
    }
}
