namespace StreamRead.Analytics.Sink;

/// <summary>A row of <c>message_milestones</c> (Schema/Migrations/0001); times in Unix seconds.</summary>
internal sealed record MilestoneRow(
    string ConversationId,
    long Seq,
    string Milestone,
    long SentAt,
    long ReachedAt,
    long LatencyMs,
    long ReadCount,
    long Eligible,
    long GroupSize,
    string GroupBucket,
    long Version);
