using StreamRead.Model.Structures;

namespace StreamRead.Model;

public sealed partial class ConversationState
{
    /// <summary>
    /// Describes the whole serving state of the conversation (every user, every known message with
    /// its sender, the counts of the hot window) with the current version, for a serving store that
    /// lost its data. Pure: drains, emitted counts and milestones are untouched, so it may be called
    /// at any time, and the drains that follow are the same as without it.
    /// </summary>
    /// <remarks>O(users + known messages + hot window x log n): a rebuild walks everything once.</remarks>
    public ConversationFullState DescribeFullState()
    {
        var users = new MemberChange[members.Count];
        for (int member = 0; member < users.Length; member++)
        {
            users[member] = new MemberChange(SnapshotOf(member), BadgeOf(member), PublicWatermarkAdvanced: false);
        }

        var known = new KnownMessage[messages.Count];
        SeqRunSet seqs = messages.Seqs;
        int rank = 0;
        int hotIndex = 0;
        for (int run = 0; run < seqs.RunCount; run++)
        {
            (long start, long end) = seqs.RunAt(run);
            for (long seq = start; seq <= end; seq++, rank++)
            {
                // The hot window holds the highest known seqs in ascending order: walk it alongside.
                long? sentAt = null;
                if (hotIndex < hot.Count && hot.At(hotIndex).Seq == seq)
                {
                    sentAt = hot.At(hotIndex++).SentAtMs;
                }

                known[rank] = new KnownMessage(seq, members[messages.SenderAt(rank)].UserId, sentAt);
            }
        }

        var counts = new MessageCounts[hot.Count];
        for (int i = 0; i < counts.Length; i++)
        {
            ref HotMessage message = ref hot.At(i);
            ReceiptCounts current = CountsOf(message.Seq, message.Sender);
            counts[i] = new MessageCounts(message.Seq, current.Read, current.Eligible);
        }

        return new ConversationFullState
        {
            ConversationId = ConversationId,
            Version = Version,
            LastSeq = LastSeq,
            KnownMessageCount = KnownMessageCount,
            IsDirect = IsDirect,
            HotWindowFrom = hot.From,
            Members = users,
            Messages = known,
            Counts = counts,
        };
    }
}
