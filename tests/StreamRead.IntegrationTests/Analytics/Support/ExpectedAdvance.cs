using StreamRead.Contracts.Analytics;

namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>A read-advance fact the workload must produce.</summary>
internal sealed record ExpectedAdvance(
    string ConversationId,
    string UserId,
    long FromSeq,
    long ToSeq,
    long NewlyRead,
    ReadAdvanceCause Cause,
    bool Private,
    long GroupSize,
    DateTimeOffset ReadAt,
    long? LatencyMs,
    IReadOnlyList<ReadThroughCount> ReadThrough);
