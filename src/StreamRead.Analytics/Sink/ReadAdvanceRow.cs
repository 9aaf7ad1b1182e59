using System.Text.Json.Serialization;

namespace StreamRead.Analytics.Sink;

/// <summary>A row of <c>read_advances</c> (Schema/Migrations/0001); times in Unix seconds.</summary>
internal sealed record ReadAdvanceRow(
    string ConversationId,
    string UserId,
    long FromSeq,
    long ToSeq,
    long NewlyRead,
    string Cause,
    byte IsPrivate,
    long GroupSize,
    string GroupBucket,
    long ReadAt,
    byte HasLatency,
    long LatencyMs,
    long[] ThroughHours,
    [property: JsonPropertyName("through_read_1h")] long[] ThroughRead1h,
    [property: JsonPropertyName("through_read_24h")] long[] ThroughRead24h,
    long Version);
