namespace StreamRead.Model;

/// <summary>A known message as <see cref="ConversationFullState"/> lists it.</summary>
/// <param name="Seq">The message's seq.</param>
/// <param name="SenderId">Who sent it (kept for every known message: counts need it, SPEC 2.2).</param>
/// <param name="SentAtMs">
/// Its <c>sentAt</c> (ms since the Unix epoch) while it is in the hot window; null below it, where
/// the model keeps no time per message.
/// </param>
public readonly record struct KnownMessage(long Seq, string SenderId, long? SentAtMs);
