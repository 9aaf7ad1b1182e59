using System.Diagnostics;
using Confluent.Kafka;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.Tasks;

namespace StreamRead.Runtime.Commit;

/// <summary>
/// Runs one flush over every task with pending work, in the order that makes outputs
/// effectively exactly once (docs/design.md, "Flush cycle"):
/// <list type="number">
/// <item>prepare: each task drains its store's changes into changelog, receipts and dead-letter
/// records, and numbers the batch;</item>
/// <item>send them all and wait for every acknowledgement;</item>
/// <item>only then send the batch markers and wait for them: a marker declares its batch part of
/// the state, so it must never be visible before the outputs of that batch are;</item>
/// <item>commit the input offsets (in the transaction when there is one).</item>
/// </list>
/// A crash anywhere before step 3 completes leaves no marker: restore discards the batch's
/// changelog records and the input is re-applied, re-emitting the same absolute, versioned
/// outputs, which consumers absorb.
/// </summary>
/// <remarks>
/// <see cref="Prepare"/> runs on the caller's thread; <see cref="Start"/> leaves the sending and
/// waiting of steps 1-3 (and a transaction's commit) to the background, so the processor applies
/// the next batch meanwhile (prepare has already drained the store, and the prepared records are
/// bytes), and prepares it while the previous flush is still being stored. Nothing of a flush is
/// sent before the previous one's <see cref="Complete"/> returned, so the order of everything that
/// reaches the broker, and what a crash at any point leaves, is that of a synchronous flush; only
/// records applied (or prepared) in memory are lost with a crash, and their input is re-read as before.
/// </remarks>
internal sealed class FlushCoordinator(
    IRecordCollector collector,
    Action<IReadOnlyList<TopicPartitionOffset>> commitOffsets,
    Func<IConsumerGroupMetadata> groupMetadata,
    StreamReadMetrics metrics)
{
    /// <summary>
    /// Prepares every task with pending work: drains their changes into records, nothing sent yet.
    /// Null when no task had anything to flush. This may run while the previous flush is stored;
    /// <see cref="Start"/> it only once that one's <see cref="Complete"/> returned.
    /// </summary>
    public PendingFlush? Prepare(IEnumerable<PartitionTask> tasks)
    {
        var started = Stopwatch.GetTimestamp();
        var prepared = new List<TaskFlush>();
        var markers = new List<OutputRecord>();
        foreach (var task in tasks)
        {
            if (task.PrepareFlush() is { } p)
            {
                prepared.Add(p.Flush);
                markers.Add(p.Marker);
            }
        }

        if (prepared.Count == 0)
        {
            return null;
        }

        metrics.RecordFlushPhase("prepare", Stopwatch.GetElapsedTime(started));
        return new PendingFlush(prepared, markers, prepared.SelectMany(f => f.InputOffsets).ToList(), started);
    }

    /// <summary>
    /// Sends a prepared flush's records, awaits their acknowledgements, then the markers and the
    /// transaction's commit, in the background. Call <see cref="Complete"/> before the next Start.
    /// </summary>
    public void Start(PendingFlush pending, CancellationToken cancellationToken)
    {
        var group = collector.IsTransactional ? groupMetadata() : null;
        pending.Acknowledged = Task.Run(() => Store(pending, group, cancellationToken), CancellationToken.None);
    }

    /// <summary>
    /// Waits for <paramref name="pending"/> (rethrowing why it failed: the process must not go on
    /// as if the batch were stored) and commits the input offsets without transactions. Returns the
    /// records the flush covered.
    /// </summary>
    public long Complete(PendingFlush pending)
    {
        pending.Acknowledged.GetAwaiter().GetResult();
        if (!collector.IsTransactional)
        {
            var phase = Stopwatch.GetTimestamp();
            commitOffsets(pending.Offsets);
            metrics.RecordFlushPhase("commit", Stopwatch.GetElapsedTime(phase));
        }

        var covered = 0L;
        foreach (var flush in pending.Flushes)
        {
            covered += flush.AppliedRecords;
            if (flush.FullStates > 0)
            {
                metrics.RecordFullStates(flush.FullStates);
            }
        }

        foreach (var (topic, count) in pending.Produced)
        {
            metrics.RecordProduced(topic, count);
        }

        metrics.RecordFlush(Stopwatch.GetElapsedTime(pending.StartedAt), covered, "processor");
        return covered;
    }

    /// <summary>Steps 1-3 of a flush (and the transaction's commit), in the background: the records are bytes already.</summary>
    private void Store(PendingFlush pending, IConsumerGroupMetadata? group, CancellationToken cancellationToken)
    {
        var phase = Stopwatch.GetTimestamp();
        if (group is not null)
        {
            collector.BeginTransaction();
        }

        foreach (var flush in pending.Flushes)
        {
            foreach (var record in flush.Records)
            {
                collector.Send(record);
                pending.Produced[record.Topic] = pending.Produced.GetValueOrDefault(record.Topic) + 1;
            }
        }

        collector.Flush(cancellationToken);
        metrics.RecordFlushPhase("outputs", Stopwatch.GetElapsedTime(phase));
        phase = Stopwatch.GetTimestamp();
        foreach (var marker in pending.Markers)
        {
            collector.Send(marker);
        }

        collector.Flush(cancellationToken);
        metrics.RecordFlushPhase("markers", Stopwatch.GetElapsedTime(phase));
        if (group is not null)
        {
            phase = Stopwatch.GetTimestamp();
            collector.CommitTransaction(pending.Offsets, group);
            metrics.RecordFlushPhase("commit", Stopwatch.GetElapsedTime(phase));
        }
    }
}
