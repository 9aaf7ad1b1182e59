namespace StreamRead.Contracts.Receipts;

/// <summary>A public watermark that advanced (an entry of <see cref="ReceiptUpdate.Watermarks"/>, SPEC 2.1).</summary>
/// <param name="UserId">The reader.</param>
/// <param name="ReadSeq">The new public watermark: the user has read every message up to this seq.</param>
public sealed record ReceiptWatermark(string UserId, long ReadSeq);
