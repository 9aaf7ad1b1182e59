using StreamRead.Contracts.Events;

namespace StreamRead.Contracts.Analytics;

/// <summary>A message that became known (an entry of <see cref="AnalyticsUpdate.Messages"/>); key: conversation and seq.</summary>
/// <param name="Seq">The message seq (>= 1).</param>
/// <param name="SenderId">Who sent it.</param>
/// <param name="Kind">Its kind (SPEC 1).</param>
/// <param name="SentAt">The <c>sentAt</c> of its <c>chat.messages</c> record.</param>
/// <param name="Eligible">Members who could read it at the flush (SPEC 2.2): the read-through denominator.</param>
public sealed record AnalyticsMessage(long Seq, string SenderId, ConversationKind Kind, DateTimeOffset SentAt, long Eligible);
