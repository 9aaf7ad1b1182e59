namespace StreamRead.Contracts.Receipts;

/// <summary>A member whose membership, eligibility or watermarks changed (an entry of <see cref="ReceiptUpdate.Members"/>, SPEC 2.2).</summary>
/// <param name="UserId">The user.</param>
/// <param name="Member">Whether the user is a member now.</param>
/// <param name="AfterSeq">
/// When <paramref name="Member"/> is true: the eligibility point, the user counts as a possible reader
/// of messages with seq greater than this. Null (omitted in JSON) when the user is not a member.
/// </param>
/// <param name="ReadSeq">
/// When <paramref name="Member"/> is true: the user's public watermark (never a private position,
/// SPEC 2.6), so a consumer can place a rejoining member without history. Null when not a member.
/// </param>
public sealed record ReceiptMember(string UserId, bool Member, long? AfterSeq = null, long? ReadSeq = null);
