namespace StreamRead.Redis.Serving;

/// <summary>A user's badge in one conversation (SPEC 4: <c>/v1/users/{u}/unread</c>).</summary>
/// <param name="ReadSeq">The user's own read position, private reads included.</param>
/// <param name="LastSeq">The conversation's last known message seq.</param>
public sealed record ConversationUnread(string ConversationId, long Unread, long ReadSeq, long LastSeq);
