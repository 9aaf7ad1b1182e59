namespace StreamRead.Contracts.Receipts;

/// <summary>
/// One user's badge in one conversation (an entry of <see cref="ReceiptUpdate.Badges"/>, SPEC 2.4).
/// It reflects private reads, so it is for that user's own devices only (SPEC 2.6, 2.8).
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="Unread">Known messages after the user's read position that the user is eligible for; 0 when not a member.</param>
/// <param name="ReadSeq">The user's own read position, private reads included.</param>
public sealed record ReceiptBadge(string UserId, long Unread, long ReadSeq);
