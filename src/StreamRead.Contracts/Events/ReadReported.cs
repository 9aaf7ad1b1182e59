namespace StreamRead.Contracts.Events;

/// <summary><c>chat.reads</c>: a client reports that a user has read a conversation up to a seq (SPEC 1).</summary>
/// <param name="DeviceId">Optional; the device that reported.</param>
/// <param name="Private">Optional, default false: moves only the user's own read position (SPEC 2.6).</param>
public sealed record ReadReported(
    string ConversationId,
    string UserId,
    long ReadSeq,
    DateTimeOffset ReadAt,
    string? DeviceId = null,
    bool Private = false) : IChatEvent;
