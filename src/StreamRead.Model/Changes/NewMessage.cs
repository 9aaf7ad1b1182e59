namespace StreamRead.Model;

/// <summary>A message that became known (duplicates are never reported twice).</summary>
/// <param name="Seq">The message's seq.</param>
/// <param name="SenderId">Who sent it.</param>
/// <param name="IsDirect">The message's conversation kind (SPEC 1: <c>direct</c> or <c>group</c>).</param>
/// <param name="SentAtMs">The message's <c>sentAt</c> (ms since the Unix epoch).</param>
/// <param name="TimestampMs">The message's record timestamp (ms since the Unix epoch).</param>
public readonly record struct NewMessage(
    long Seq,
    string SenderId,
    bool IsDirect,
    long SentAtMs,
    long TimestampMs);
