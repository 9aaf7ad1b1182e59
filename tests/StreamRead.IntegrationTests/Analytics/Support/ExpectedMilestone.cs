using StreamRead.Contracts.Analytics;

namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>A milestone fact the workload must produce.</summary>
internal sealed record ExpectedMilestone(
    string ConversationId, long Seq, MessageMilestone Milestone, DateTimeOffset SentAt, DateTimeOffset ReachedAt, long Read, long Eligible, long GroupSize);
