namespace StreamRead.Contracts.Events;

/// <summary><c>chat.messages</c>: a message was sent (SPEC 1).</summary>
/// <param name="Seq">Assigned by the chat system, >= 1, strictly increasing per conversation; gaps allowed.</param>
/// <param name="Kind">Absent means <see cref="ConversationKind.Group"/>.</param>
public sealed record MessageSent(
    string ConversationId,
    long Seq,
    string SenderId,
    DateTimeOffset SentAt,
    ConversationKind Kind = ConversationKind.Group) : IChatEvent;
