namespace StreamRead.Model;

/// <summary>
/// A user's own read position advanced (a read report, a resolved early read or a send, since
/// sending implies having read): one analytics fact, never one row per message (SPEC 3).
/// </summary>
/// <param name="UserId">The reader.</param>
/// <param name="FromSeq">Own read position before.</param>
/// <param name="ToSeq">Own read position after.</param>
/// <param name="NewlyRead">
/// Known messages in <c>(max(FromSeq, AfterSeq), ToSeq]</c> the user is eligible for (not the user's
/// own messages; 0 for a non-member).
/// </param>
/// <param name="IsPrivate">Only the own position moved, not the public watermark (SPEC 2.6).</param>
/// <param name="EligibleMembers">The conversation's member count at that moment (for group-size buckets).</param>
/// <param name="TimestampMs">Record timestamp of the input record that caused the advance.</param>
public readonly record struct ReadAdvance(
    string UserId,
    long FromSeq,
    long ToSeq,
    long NewlyRead,
    bool IsPrivate,
    long EligibleMembers,
    long TimestampMs);
