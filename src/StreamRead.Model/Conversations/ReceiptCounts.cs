namespace StreamRead.Model;

/// <summary>The receipt of one known message (SPEC 2.3, 4): who could read it and who did.</summary>
/// <param name="Read">Eligible members whose public watermark reaches the message.</param>
/// <param name="Eligible">Members who joined before the message, are still members and did not send it.</param>
public readonly record struct ReceiptCounts(long Read, long Eligible)
{
    /// <summary>Eligible members who have not read the message: <c>Eligible - Read</c>.</summary>
    public long Unread => Eligible - Read;
}
