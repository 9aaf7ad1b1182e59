namespace StreamRead.Model;

/// <summary>
/// The complete state of one user in one conversation: plain data for the changelog. Equality
/// compares the pending reads by content.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="Ordinal">
/// The user's position in the conversation's first-seen order. Restore keeps this order, so a
/// restored state emits members and advances in the same order as the original.
/// </param>
/// <param name="IsMember">A current member (SPEC 2.2).</param>
/// <param name="MembershipClockMs">
/// The <c>at</c> (ms) of the membership event that set <paramref name="IsMember"/>; <see cref="long.MinValue"/>
/// for an implicit member (first seen through a read or a send).
/// </param>
/// <param name="AfterSeq">Eligibility point (SPEC 2.2); 0 for a non-member.</param>
/// <param name="PublicWatermark">The public watermark (SPEC 2.1).</param>
/// <param name="ReadPosition">The own read position (SPEC 2.6).</param>
/// <param name="PendingReads">Early reports still waiting for messages (SPEC 2.5); empty for almost every member.</param>
public sealed record MemberSnapshot(
    string UserId,
    int Ordinal,
    bool IsMember,
    long MembershipClockMs,
    long AfterSeq,
    long PublicWatermark,
    long ReadPosition,
    PendingRead[] PendingReads)
{
    /// <inheritdoc />
    public bool Equals(MemberSnapshot? other) =>
        other is not null
        && UserId == other.UserId
        && Ordinal == other.Ordinal
        && IsMember == other.IsMember
        && MembershipClockMs == other.MembershipClockMs
        && AfterSeq == other.AfterSeq
        && PublicWatermark == other.PublicWatermark
        && ReadPosition == other.ReadPosition
        && PendingReads.AsSpan().SequenceEqual(other.PendingReads);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(UserId, Ordinal, PublicWatermark, ReadPosition);
}
