namespace StreamRead.Contracts.Receipts;

/// <summary>A known message (an entry of <see cref="ReceiptUpdate.Messages"/>).</summary>
/// <param name="Seq">The message seq (>= 1).</param>
/// <param name="SenderId">Who sent it.</param>
/// <param name="SentAt">
/// The <c>sentAt</c> of its <c>chat.messages</c> record. Null (omitted) only in a full-state update
/// (<see cref="ReceiptUpdate.FullState"/>) for messages below the hot window, whose send time the
/// processor no longer keeps.
/// </param>
public sealed record ReceiptMessage(long Seq, string SenderId, DateTimeOffset? SentAt = null);
