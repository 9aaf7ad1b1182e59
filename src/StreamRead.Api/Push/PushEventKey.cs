namespace StreamRead.Api.Push;

/// <summary>
/// What a buffered event is about: a newer event with the same key replaces an older one that a
/// slow client has not received yet (latest value wins).
/// </summary>
/// <param name="Kind">The event type.</param>
/// <param name="Conversation">The conversation (empty for <see cref="PushEventKind.Ready"/>).</param>
/// <param name="User">The user of a badge; empty for receipts.</param>
/// <param name="Seq">The message of a receipt; 0 for badges.</param>
internal readonly record struct PushEventKey(PushEventKind Kind, string Conversation, string User, long Seq);
