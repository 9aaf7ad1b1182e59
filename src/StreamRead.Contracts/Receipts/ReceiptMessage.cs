namespace StreamRead.Contracts.Receipts;

/// <summary>A message that became known to the processor (an entry of <see cref="ReceiptUpdate.Messages"/>).</summary>
/// <param name="Seq">The message seq (>= 1).</param>
/// <param name="SenderId">Who sent it.</param>
/// <param name="SentAt">The <c>sentAt</c> of its <c>chat.messages</c> record.</param>
public sealed record ReceiptMessage(long Seq, string SenderId, DateTimeOffset SentAt);
