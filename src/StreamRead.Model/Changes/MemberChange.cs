namespace StreamRead.Model;

/// <summary>A member whose state changed since the previous drain, with its complete new state.</summary>
/// <param name="Snapshot">The member's full state: what the changelog writes.</param>
/// <param name="Unread">The member's unread badge at the drain (SPEC 2.4).</param>
/// <param name="PublicWatermarkAdvanced">
/// The public watermark moved since the previous drain, so receipts and who-read lists must publish it.
/// </param>
public sealed record MemberChange(MemberSnapshot Snapshot, long Unread, bool PublicWatermarkAdvanced)
{
    /// <summary>The member's user id.</summary>
    public string UserId => Snapshot.UserId;
}
