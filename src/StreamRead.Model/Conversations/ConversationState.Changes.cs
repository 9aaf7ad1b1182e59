using StreamRead.Model.Structures;

namespace StreamRead.Model;

public sealed partial class ConversationState
{
    private readonly DirtyRanges dirtyCounts = new();
    private readonly List<int> changedMembers = [];
    private List<NewMessage> newMessages = [];
    private List<long> evictedSeqs = [];
    private List<ReadAdvance> readAdvances = [];
    private List<Milestone> milestones = [];
    private long drainedVersion;

    /// <summary>Whether a record was applied (or a restore evicted hot messages) since the last drain.</summary>
    public bool HasChanges => Version != drainedVersion || evictedSeqs.Count > 0;

    /// <summary>
    /// Returns what changed since the previous drain and starts tracking anew. Counts are found
    /// through the seq ranges each update recorded, so a drain costs O(changes x log n), never a
    /// scan of the members.
    /// </summary>
    public ConversationChanges DrainChanges()
    {
        var memberChanges = new MemberChange[changedMembers.Count];
        for (int i = 0; i < memberChanges.Length; i++)
        {
            int member = changedMembers[i];
            ref MemberEntry entry = ref members[member];
            bool watermarkAdvanced = (entry.Flags & MemberFlags.PublicAdvanced) != 0;
            entry.Flags &= ~(MemberFlags.Changed | MemberFlags.PublicAdvanced);
            memberChanges[i] = new MemberChange(SnapshotOf(member), BadgeOf(member), watermarkAdvanced);
        }

        var counts = new List<MessageCounts>();
        foreach ((long low, long high) in dirtyCounts.Ranges)
        {
            for (int i = hot.LowerBound(low + 1); i < hot.Count && hot.At(i).Seq <= high; i++)
            {
                ref HotMessage message = ref hot.At(i);
                ReceiptCounts current = CountsOf(message.Seq, message.Sender);
                if (current.Read != message.EmittedRead || current.Eligible != message.EmittedEligible)
                {
                    message.EmittedRead = (int)current.Read;
                    message.EmittedEligible = (int)current.Eligible;
                    counts.Add(new MessageCounts(message.Seq, current.Read, current.Eligible));
                }
            }
        }

        var changes = new ConversationChanges
        {
            ConversationId = ConversationId,
            Version = Version,
            LastSeq = LastSeq,
            KnownMessageCount = KnownMessageCount,
            IsDirect = IsDirect,
            HotWindowFrom = hot.From,
            Members = memberChanges,
            Messages = newMessages,
            Counts = counts,
            EvictedSeqs = evictedSeqs,
            ReadAdvances = readAdvances,
            Milestones = milestones,
        };

        changedMembers.Clear();
        if (changedMembers.Capacity > 64)
        {
            // Kept at a burst's size, the list cost 4 bytes per member of every large group that was
            // ever busy (docs/benchmarks.md, memory); regrowing it is cheap next to the drain itself.
            changedMembers.Capacity = 64;
        }

        dirtyCounts.Clear();
        newMessages = [];
        evictedSeqs = [];
        readAdvances = [];
        milestones = [];
        drainedVersion = Version;
        return changes;
    }

    // Milestones depend on the order records are applied in: each fires once, when the record that
    // makes the message reach it is applied (its timestamp dates the milestone).
    private void FireMilestones()
    {
        if (touchedLow >= touchedHigh)
        {
            return;
        }

        for (int i = hot.LowerBound(touchedLow + 1); i < hot.Count; i++)
        {
            ref HotMessage message = ref hot.At(i);
            if (message.Seq > touchedHigh)
            {
                break;
            }

            if (message.Fired == MilestoneFlags.All)
            {
                continue;
            }

            ReceiptCounts counts = CountsOf(message.Seq, message.Sender);
            if (counts.Read >= 1)
            {
                Fire(ref message, MilestoneFlags.FirstRead, MilestoneKind.FirstRead, counts);
            }

            if (counts.Eligible > 0 && counts.Read * 2 >= counts.Eligible)
            {
                Fire(ref message, MilestoneFlags.HalfRead, MilestoneKind.HalfRead, counts);
            }

            if (counts.Eligible > 0 && counts.Read == counts.Eligible)
            {
                Fire(ref message, MilestoneFlags.AllRead, MilestoneKind.AllRead, counts);
            }
        }
    }

    private void Fire(ref HotMessage message, MilestoneFlags flag, MilestoneKind kind, ReceiptCounts counts)
    {
        if ((message.Fired & flag) == 0)
        {
            message.Fired |= flag;
            milestones.Add(new Milestone(kind, message.Seq, message.SentAtMs, recordTimestampMs, counts.Read, counts.Eligible));
        }
    }
}
