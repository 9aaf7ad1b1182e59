using StreamRead.Model.Structures;

namespace StreamRead.Model;

public sealed partial class ConversationState
{
    /// <summary>
    /// Applies a <c>chat.members</c> record (SPEC 2.2). Membership is a last-writer-wins register per
    /// user ordered by <paramref name="atMs"/>; at equal times <c>joined</c> wins over <c>left</c>,
    /// and between two <c>joined</c> the higher explicit <paramref name="afterSeq"/> wins, so the
    /// outcome never depends on arrival order. Equal or older events change nothing but the version.
    /// </summary>
    /// <param name="userId">The user whose membership changed.</param>
    /// <param name="joined">True for <c>joined</c>, false for <c>left</c>.</param>
    /// <param name="atMs">The event's <c>at</c> (ms since the Unix epoch): the register's clock.</param>
    /// <param name="afterSeq">
    /// For <c>joined</c>: eligible for messages above this seq. Absent: the last seq known now,
    /// resolved once and stored, so a redelivered duplicate does not move it.
    /// </param>
    /// <param name="timestampMs">The record timestamp (ms since the Unix epoch).</param>
    /// <exception cref="ArgumentException">An empty user id or a negative <paramref name="afterSeq"/>.</exception>
    public void ApplyMembership(string userId, bool joined, long atMs, long? afterSeq, long timestampMs)
    {
        ValidateUserId(userId, nameof(userId));
        if (afterSeq < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(afterSeq), afterSeq, "afterSeq must be >= 0 (0: eligible for every message); dead-letter the record.");
        }

        BeginRecord(timestampMs);
        int member = members.Find(userId);
        bool firstSeen = member < 0;
        if (firstSeen)
        {
            // Seen first through a membership event: not an implicit member, the event decides.
            member = members.Add(new MemberEntry { UserId = userId, ClockMs = long.MinValue });
        }

        ref MemberEntry entry = ref members[member];
        int order = firstSeen ? 1 : CompareEvents(atMs, joined, entry.ClockMs, entry.IsMember);
        if (order > 0)
        {
            SetMembership(member, joined, joined ? afterSeq ?? LastSeq : 0, atMs);
        }
        else if (order == 0 && joined && afterSeq > entry.EligibleAfter)
        {
            SetMembership(member, joined, afterSeq.Value, atMs);
        }

        EndRecord();
    }

    // Last-writer-wins order of membership events: by time, then joined over left. An implicit
    // member's clock is long.MinValue, so every explicit event is newer.
    private static int CompareEvents(long atMs, bool joined, long currentClockMs, bool currentlyMember)
    {
        int byTime = atMs.CompareTo(currentClockMs);
        return byTime != 0 ? byTime : joined.CompareTo(currentlyMember);
    }

    private void SetMembership(int member, bool isMember, long eligibleAfter, long clockMs)
    {
        ref MemberEntry entry = ref members[member];
        bool wasMember = entry.IsMember;
        long previousAfter = entry.EligibleAfter;
        long watermark = entry.PublicWatermark;
        if (wasMember)
        {
            eligibilityPoints.Remove(previousAfter);
            readLimits.Remove(Math.Max(previousAfter, watermark));
        }

        if (isMember)
        {
            eligibilityPoints.Add(eligibleAfter);
            readLimits.Add(Math.Max(eligibleAfter, watermark));
        }

        // The member counts in eligible(s) for s > a and in read(s) for a < s <= max(a, w): moving a
        // changes counts between the two points; joining or leaving changes every count above a.
        if (wasMember && isMember)
        {
            MarkCounts(Math.Min(previousAfter, eligibleAfter), Math.Max(previousAfter, eligibleAfter));
        }
        else if (wasMember)
        {
            MarkCounts(previousAfter, long.MaxValue);
        }
        else if (isMember)
        {
            MarkCounts(eligibleAfter, long.MaxValue);
        }

        entry.EligibleAfter = eligibleAfter;
        entry.ClockMs = clockMs;
        entry.Flags = isMember ? entry.Flags | MemberFlags.IsMember : entry.Flags & ~MemberFlags.IsMember;
        MarkChanged(member);
    }

    // A user first seen through a read or a send is a member since the beginning (SPEC 2.2).
    private int FindOrAddImplicitMember(string userId)
    {
        int member = members.Find(userId);
        if (member >= 0)
        {
            return member;
        }

        member = members.Add(new MemberEntry { UserId = userId, ClockMs = long.MinValue, Flags = MemberFlags.IsMember });
        eligibilityPoints.Add(0);
        readLimits.Add(0);
        MarkCounts(0, long.MaxValue);
        MarkChanged(member);
        return member;
    }
}
