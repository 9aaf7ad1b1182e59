using Microsoft.Extensions.Logging;

namespace StreamRead.Analytics;

/// <summary>Log messages of the analytics project, with stable event ids (1200-1299).</summary>
internal static partial class Log
{
    [LoggerMessage(1200, LogLevel.Debug,
        "Wrote {Updates} analytics updates: {Messages} messages, {Advances} read advances, {Milestones} milestones, {Badges} badges; {Skipped} facts were stored already")]
    public static partial void BatchWritten(ILogger logger, int updates, int messages, int advances, int milestones, int badges, int skipped);

    [LoggerMessage(1201, LogLevel.Warning, "ClickHouse at {Url} is not reachable for the analytics migrations ({Error}); retrying in {Backoff}")]
    public static partial void MigrationRetry(ILogger logger, Uri url, string error, TimeSpan backoff);

    [LoggerMessage(1202, LogLevel.Information, "ClickHouse sink: consuming {Topic} into database {Database} at {Url}")]
    public static partial void SinkStarting(ILogger logger, string topic, string database, Uri url);
}
