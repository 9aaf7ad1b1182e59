using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Runtime.Sinks;

/// <summary>
/// Consumes an output topic in batches, hands each batch to an <see cref="IBatchWriter{T}"/>,
/// and commits the batch's offsets only after the writer returned: a crash re-delivers at most
/// the uncommitted batches, which the idempotent writer absorbs. A failing store is retried with
/// back-off, never skipped, so nothing is lost while it is down.
/// </summary>
/// <remarks>
/// One batch is written in the background while the next one is consumed, so the store's round
/// trip and the batch delay overlap instead of adding up. The next batch's write starts only
/// after the previous one returned, and before that one's offsets are committed, so the store
/// does not sit idle during the commit's round trip to the broker: writes reach the store in
/// order, and offsets are committed in order, never past a batch that was not written.
/// </remarks>
public sealed class SinkConsumerLoop<T>
    where T : class
{
    private readonly ConsumerConfig _config;
    private readonly string _topic;
    private readonly Func<ConsumeResult<byte[], byte[]>, T?> _decode;
    private readonly IBatchWriter<T> _writer;
    private readonly SinkOptions _options;
    private readonly StreamReadMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string _name;

    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(10);

    private List<T> _batch = [];
    private Dictionary<TopicPartition, long> _nextOffsets = [];
    private long _batchRecords;
    private InFlightWrite? _inFlight;
    private bool _abandoned; // a batch was given up (stopping while the store was down): nothing after it may be committed
    // Cancels the writes: not when the stop is asked for, which a batch in flight must survive,
    // but FinalFlushTimeout after it, so a store that is down cannot hold the shutdown.
    private CancellationTokenSource _writes = new();

    /// <param name="decode">Turns a record into a batch item; null skips it (logged and counted, offset still committed).</param>
    public SinkConsumerLoop(
        string name,
        ConsumerConfig config,
        string topic,
        Func<ConsumeResult<byte[], byte[]>, T?> decode,
        IBatchWriter<T> writer,
        SinkOptions options,
        StreamReadMetrics metrics,
        ILogger logger)
    {
        _name = name;
        _config = new ConsumerConfig(new Dictionary<string, string>(config))
        {
            GroupId = options.GroupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = (int)Math.Clamp(options.FetchWait.TotalMilliseconds, 1, 500),
        };
        _topic = topic;
        _decode = decode;
        _writer = writer;
        _options = options;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> fires; then writes and commits what it holds.</summary>
    public void Run(CancellationToken stoppingToken)
    {
        using var writes = _writes = new CancellationTokenSource();
        using var stopping = stoppingToken.Register(() => writes.CancelAfter(FinalFlushTimeout));
        using var consumer = new ConsumerBuilder<byte[], byte[]>(_config)
            .SetPartitionsRevokedHandler((c, revoked) => FlushAndCommit(c))
            .SetPartitionsLostHandler((_, lost) => Discard())
            .Build();
        consumer.Subscribe(_topic);
        var batchStarted = Stopwatch.StartNew();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = _batch.Count == 0 && _batchRecords == 0
                    ? TimeSpan.FromMilliseconds(200)
                    : _options.MaxBatchDelay - batchStarted.Elapsed;
                if (_inFlight is not null && wait > InFlightPoll)
                {
                    wait = InFlightPoll; // come back soon to commit the batch being written
                }

                ConsumeResult<byte[], byte[]>? record = null;
                try
                {
                    record = consumer.Consume(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    _logger.LogWarning("{Sink}: consume error {Error}; retrying", _name, e.Error.Reason);
                }

                if (record is not null && !record.IsPartitionEOF)
                {
                    if (_batchRecords == 0)
                    {
                        batchStarted.Restart();
                    }

                    Add(record);
                }

                var due = _batchRecords > 0 && (_batch.Count >= _options.MaxBatchRecords || batchStarted.Elapsed >= _options.MaxBatchDelay);
                if ((due || _inFlight is { Written.IsCompleted: true }) && TakeWritten(out var written))
                {
                    if (due)
                    {
                        StartWrite();
                    }

                    Commit(consumer, written);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Graceful stop: what was consumed, the batch in flight included, is written and committed
        // before leaving the group, within FinalFlushTimeout of the stop so a store that is down
        // cannot hold the shutdown (uncommitted = re-delivered).
        FlushAndCommit(consumer);

        consumer.Close();
    }

    private void Add(ConsumeResult<byte[], byte[]> record)
    {
        _metrics.RecordConsumed(record.Topic);
        _batchRecords++;
        _nextOffsets[record.TopicPartition] = record.Offset.Value + 1;
        T? item = null;
        try
        {
            item = _decode(record);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "{Sink}: skipping undecodable record {Topic}/{Partition}@{Offset}",
                _name, record.Topic, record.Partition.Value, record.Offset.Value);
        }

        if (item is not null)
        {
            _batch.Add(item);
        }
    }

    /// <summary>Writes and commits everything consumed so far, the batch in flight first (revocation, stop).</summary>
    private void FlushAndCommit(IConsumer<byte[], byte[]> consumer)
    {
        if (!CompleteInFlight(consumer) || _batchRecords == 0)
        {
            return; // the batch in flight was not written: nothing after it may be committed
        }

        StartWrite();
        CompleteInFlight(consumer);
    }

    /// <summary>Hands the batch consumed so far to a background write; the loop goes on consuming the next one.</summary>
    private void StartWrite()
    {
        var items = _batch;
        var started = Stopwatch.GetTimestamp();
        // Runs on this thread up to the store's first round trip (the Redis writer queues its
        // whole pipeline there), then completes in the background.
        var written = items.Count == 0 ? Task.FromResult(true) : WriteWithRetryAsync(items, _writes.Token);
        _inFlight = new InFlightWrite(written, _nextOffsets, _batchRecords, started);
        _batch = [];
        _nextOffsets = [];
        _batchRecords = 0;
    }

    /// <summary>
    /// Waits for the batch in flight, if any, and commits its offsets once it is written.
    /// Returns false when it was not (stopping while the store is down): nothing is committed,
    /// and the next run re-delivers it.
    /// </summary>
    private bool CompleteInFlight(IConsumer<byte[], byte[]> consumer)
    {
        if (!TakeWritten(out var written))
        {
            return false;
        }

        Commit(consumer, written);
        return true;
    }

    /// <summary>
    /// Waits for the batch in flight, if any (<paramref name="written"/> is then that batch, else
    /// null). Returns false when it was not written (stopping while the store is down): from then
    /// on nothing is committed, and the next run re-delivers it.
    /// </summary>
    private bool TakeWritten(out InFlightWrite? written)
    {
        written = null;
        if (_abandoned)
        {
            return false;
        }

        if (_inFlight is not { } inFlight)
        {
            return true;
        }

        _inFlight = null;
        if (!inFlight.Written.GetAwaiter().GetResult())
        {
            _abandoned = true;
            return false;
        }

        written = inFlight;
        return true;
    }

    /// <summary>Commits the offsets of a batch that was written.</summary>
    private void Commit(IConsumer<byte[], byte[]> consumer, InFlightWrite? written)
    {
        if (written is null)
        {
            return;
        }

        consumer.Commit(written.NextOffsets.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
        _metrics.RecordFlush(Stopwatch.GetElapsedTime(written.StartedAt), written.Records, _name);
    }

    /// <summary>Partitions lost without a revoke: another member may own them, so nothing held is committed.</summary>
    private void Discard()
    {
        if (_inFlight is { } inFlight)
        {
            _inFlight = null;
            ((IAsyncResult)inFlight.Written).AsyncWaitHandle.WaitOne(); // writes stay one at a time
        }

        _batch.Clear();
        _nextOffsets.Clear();
        _batchRecords = 0;
    }

    /// <summary>
    /// Writes the batch, retrying with back-off until it is written (true) or
    /// <paramref name="cancellationToken"/> fires while the store is down (false). Asynchronous,
    /// not a blocked thread: the store client completes its calls on the thread pool.
    /// </summary>
    private async Task<bool> WriteWithRetryAsync(List<T> batch, CancellationToken cancellationToken)
    {
        var backoff = _options.RetryBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                if (attempt > 1)
                {
                    _logger.LogInformation("{Sink}: store reachable again after {Attempts} attempts", _name, attempt);
                }

                _metrics.RecordProduced(_name, batch.Count);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("{Sink}: writing {Count} records failed (attempt {Attempt}): {Error}; retrying in {Backoff}",
                    _name, batch.Count, attempt, e.Message, backoff);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            try
            {
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxRetryBackoff.Ticks));
        }
    }

    /// <summary>A batch handed to the writer: its offsets become committable when <see cref="Written"/> is true.</summary>
    private sealed record InFlightWrite(Task<bool> Written, Dictionary<TopicPartition, long> NextOffsets, long Records, long StartedAt);
}
