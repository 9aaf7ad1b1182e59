namespace StreamRead.Contracts.Receipts;

/// <summary>The absolute read counts of one message (an entry of <see cref="ReceiptUpdate.Counts"/>, SPEC 2.3).</summary>
/// <param name="Seq">The message seq.</param>
/// <param name="Read">Eligible members whose public watermark is at least <paramref name="Seq"/>.</param>
/// <param name="Unread">Eligible members who have not read it: <c>eligible - read</c>.</param>
/// <param name="Eligible">Members who can read it: joined before it, still members, not its sender.</param>
public sealed record ReceiptCount(long Seq, long Read, long Unread, long Eligible);
