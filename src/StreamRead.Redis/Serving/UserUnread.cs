namespace StreamRead.Redis.Serving;

/// <summary>A user's unread badges: the total over every conversation they are a member of.</summary>
public sealed record UserUnread(string UserId, long Total, IReadOnlyList<ConversationUnread> Conversations);
