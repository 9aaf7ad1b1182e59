using Confluent.Kafka;

namespace StreamRead.Runtime.Commit;

/// <summary>
/// A prepared flush (<see cref="FlushCoordinator.Prepare"/>) whose records, acknowledgements,
/// batch markers and (with transactions) commit are sent and awaited in the background once
/// started, while the processor thread applies and prepares the next batch
/// (<see cref="FlushCoordinator.Start"/>). <see cref="FlushCoordinator.Complete"/> finishes it on
/// the processor thread.
/// </summary>
internal sealed class PendingFlush
{
    internal PendingFlush(
        IReadOnlyList<TaskFlush> flushes,
        IReadOnlyList<OutputRecord> markers,
        IReadOnlyList<TopicPartitionOffset> offsets,
        long startedAt)
    {
        Flushes = flushes;
        Markers = markers;
        Offsets = offsets;
        StartedAt = startedAt;
    }

    /// <summary>Whether every record and marker is acknowledged (or the flush failed): <see cref="FlushCoordinator.Complete"/> will not block.</summary>
    public bool IsAcknowledged => Acknowledged.IsCompleted;

    /// <summary>Waits up to <paramref name="timeout"/> for the background to finish, ignoring how it ended (a loop that is failing anyway).</summary>
    public void WaitQuietly(TimeSpan timeout) => ((IAsyncResult)Acknowledged).AsyncWaitHandle.WaitOne(timeout);

    /// <summary>What each task with pending work prepared.</summary>
    internal IReadOnlyList<TaskFlush> Flushes { get; }

    /// <summary>The tasks' batch markers, sent once every other record is acknowledged.</summary>
    internal IReadOnlyList<OutputRecord> Markers { get; }

    internal IReadOnlyList<TopicPartitionOffset> Offsets { get; }

    /// <summary>Records sent per topic; filled by the background, read once it completed.</summary>
    internal Dictionary<string, long> Produced { get; } = new(StringComparer.Ordinal);

    internal long StartedAt { get; }

    /// <summary>Completes when the markers are acknowledged (and the transaction committed); faults when a record was not stored.</summary>
    internal Task Acknowledged { get; set; } = Task.CompletedTask;
}
