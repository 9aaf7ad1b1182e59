using StreamRead.Model.Structures;

namespace StreamRead.Model;

public sealed partial class ConversationState
{
    /// <summary>Whether <paramref name="seq"/> is a known message (not a gap, not beyond the last).</summary>
    public bool IsKnownMessage(long seq) => messages.Seqs.Contains(seq);

    /// <summary>
    /// The receipt of a known message, whatever its age (SPEC 2.3, 4), in O(log n); null when
    /// <paramref name="seq"/> is not a known message.
    /// </summary>
    public ReceiptCounts? GetReceipt(long seq)
    {
        if (!messages.Seqs.Contains(seq))
        {
            return null;
        }

        int position = hot.IndexOf(seq);
        return CountsOf(seq, position >= 0 ? hot.At(position).Sender : messages.SenderOf(seq));
    }

    /// <summary>What the model knows about <paramref name="userId"/>; null for a user never seen.</summary>
    public MemberView? GetMember(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        int member = members.Find(userId);
        return member < 0 ? null : ViewOf(member);
    }

    /// <summary>
    /// The unread badge (SPEC 2.4): known messages above the user's own read position that the
    /// user is eligible for. 0 for non-members and unknown users.
    /// </summary>
    public long GetUnreadCount(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        int member = members.Find(userId);
        return member < 0 ? 0 : BadgeOf(member);
    }

    /// <summary>Every user ever seen in the conversation (members who left too), in first-seen order.</summary>
    public IEnumerable<MemberView> Members
    {
        get
        {
            for (int member = 0; member < members.Count; member++)
            {
                yield return ViewOf(member);
            }
        }
    }

    // eligible(s) = #{members with a < s} minus the sender; read(s) = #{members with a < s <= max(a, w)}
    // minus the sender, whose w is at least s since sending raised it (SPEC 2.2, 2.3).
    private ReceiptCounts CountsOf(long seq, int sender)
    {
        long eligible = eligibilityPoints.CountLess(seq);
        long read = eligible - readLimits.CountLess(seq);
        ref MemberEntry entry = ref members[sender];
        if (entry.IsMember && entry.EligibleAfter < seq)
        {
            eligible--;
            read--;
        }

        return new ReceiptCounts(read, eligible);
    }

    // The user's own messages never count: sending raised its own position past them (SPEC 2.4).
    private long BadgeOf(int member)
    {
        ref MemberEntry entry = ref members[member];
        return entry.IsMember ? messages.Seqs.CountAbove(Math.Max(members.ReadPositionOf(member), entry.EligibleAfter)) : 0;
    }

    private MemberView ViewOf(int member)
    {
        ref MemberEntry entry = ref members[member];
        return new MemberView(entry.UserId, entry.IsMember, entry.EligibleAfter, entry.PublicWatermark, members.ReadPositionOf(member), BadgeOf(member));
    }
}
