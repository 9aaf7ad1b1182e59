namespace StreamRead.Analytics.Sink;

/// <summary>A row of <c>unread_badges</c> (Schema/Migrations/0001); times in Unix seconds.</summary>
internal sealed record BadgeRow(
    string ConversationId,
    string UserId,
    byte IsMember,
    long Unread,
    long ReadSeq,
    long KnownMessages,
    long UpdatedAt,
    long Version);
