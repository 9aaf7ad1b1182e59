namespace StreamRead.Api.Push;

/// <summary>The SSE event types of <c>/v1/stream</c>; the event name is the lowercase member name.</summary>
internal enum PushEventKind
{
    /// <summary>A message's read counts (per conversation and seq).</summary>
    Receipt,

    /// <summary>A user's unread badge in one conversation, with the user's total (per user and conversation).</summary>
    Badge,

    /// <summary>The subscription's first snapshot is complete; what follows is live.</summary>
    Ready,
}
