namespace StreamRead.Analytics.Sink;

/// <summary>A row of <c>messages_sent</c> (Schema/Migrations/0001); times in Unix seconds.</summary>
internal sealed record MessageSentRow(
    string ConversationId,
    long Seq,
    string SenderId,
    byte IsDirect,
    long SentAt,
    long Eligible,
    long GroupSize,
    string GroupBucket,
    long KnownMessages,
    long Version);
