using Microsoft.Extensions.Logging;

namespace StreamRead.Api;

/// <summary>The API's log messages, with stable event ids (5000-5099).</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Information, "push: reading {Topic} ({Partitions} partitions) from the end")]
    public static partial void Assigned(ILogger logger, string topic, int partitions);

    [LoggerMessage(5001, LogLevel.Information, "push: waiting for topic {Topic} to exist")]
    public static partial void WaitingForTopic(ILogger logger, string topic);

    [LoggerMessage(5002, LogLevel.Warning, "push: consuming receipts failed ({Reason}); retrying")]
    public static partial void ConsumeFailed(ILogger logger, string reason);

    [LoggerMessage(5003, LogLevel.Error, "push: skipping an undecodable receipts update at {Position}: {Reason}")]
    public static partial void UndecodableUpdate(ILogger logger, string position, string reason);

    [LoggerMessage(5004, LogLevel.Warning, "push: re-reading {Subject} from Redis failed ({Reason}); the next re-read retries")]
    public static partial void ReconcileFailed(ILogger logger, string subject, string reason);

    [LoggerMessage(5005, LogLevel.Debug, "push: kafka {Level}: {Message}")]
    public static partial void KafkaClient(ILogger logger, string level, string message);

    [LoggerMessage(5006, LogLevel.Warning, "stream: cannot read the first state from Redis ({Reason})")]
    public static partial void SnapshotFailed(ILogger logger, string reason);

    [LoggerMessage(5007, LogLevel.Information, "stream: a slow client of {Filter} lost {Dropped} buffered events")]
    public static partial void SlowClient(ILogger logger, string filter, long dropped);
}
