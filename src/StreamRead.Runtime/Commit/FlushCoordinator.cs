using System.Diagnostics;
using Confluent.Kafka;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.Tasks;

namespace StreamRead.Runtime.Commit;

/// <summary>
/// Runs one flush over every task with pending work, in the order that makes outputs
/// effectively exactly once (docs/design.md, "Flush cycle"):
/// <list type="number">
/// <item>prepare: each task drains its store's changes into changelog, receipts and dead-letter records;</item>
/// <item>send them all and wait for every acknowledgement;</item>
/// <item>only then send the batch markers and wait for them: a marker declares its batch part of
/// the state, so it must never be visible before the outputs of that batch are;</item>
/// <item>commit the input offsets (in the transaction when there is one);</item>
/// <item>post-commit: tasks advance their batch sequence.</item>
/// </list>
/// A crash anywhere before step 3 completes leaves no marker: restore discards the batch's
/// changelog records and the input is re-applied, re-emitting the same absolute, versioned
/// outputs, which consumers absorb.
/// </summary>
internal sealed class FlushCoordinator(
    IRecordCollector collector,
    Action<IReadOnlyList<TopicPartitionOffset>> commitOffsets,
    Func<IConsumerGroupMetadata> groupMetadata,
    StreamReadMetrics metrics)
{
    /// <summary>Flushes the tasks that applied records since their last flush; returns the records covered.</summary>
    public long Flush(IEnumerable<PartitionTask> tasks, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var prepared = new List<(PartitionTask Task, TaskFlush Flush, OutputRecord Marker)>();
        foreach (var task in tasks)
        {
            if (task.PrepareFlush() is { } p)
            {
                prepared.Add((task, p.Flush, p.Marker));
            }
        }

        if (prepared.Count == 0)
        {
            return 0;
        }

        var phase = Stopwatch.GetTimestamp();
        metrics.RecordFlushPhase("prepare", Stopwatch.GetElapsedTime(started));

        if (collector.IsTransactional)
        {
            collector.BeginTransaction();
        }

        var produced = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, flush, _) in prepared)
        {
            foreach (var record in flush.Records)
            {
                collector.Send(record);
                produced[record.Topic] = produced.GetValueOrDefault(record.Topic) + 1;
            }
        }

        collector.Flush(cancellationToken);
        metrics.RecordFlushPhase("outputs", Stopwatch.GetElapsedTime(phase));
        phase = Stopwatch.GetTimestamp();
        foreach (var (_, _, marker) in prepared)
        {
            collector.Send(marker);
        }

        collector.Flush(cancellationToken);
        metrics.RecordFlushPhase("markers", Stopwatch.GetElapsedTime(phase));
        phase = Stopwatch.GetTimestamp();
        var offsets = prepared.SelectMany(p => p.Flush.InputOffsets).ToList();
        if (collector.IsTransactional)
        {
            collector.CommitTransaction(offsets, groupMetadata());
        }
        else
        {
            commitOffsets(offsets);
        }

        metrics.RecordFlushPhase("commit", Stopwatch.GetElapsedTime(phase));
        var covered = 0L;
        foreach (var (task, flush, _) in prepared)
        {
            task.PostCommit();
            covered += flush.AppliedRecords;
            if (flush.FullStates > 0)
            {
                metrics.RecordFullStates(flush.FullStates);
            }
        }

        foreach (var (topic, count) in produced)
        {
            metrics.RecordProduced(topic, count);
        }

        metrics.RecordFlush(Stopwatch.GetElapsedTime(started), covered, "processor");
        return covered;
    }
}
