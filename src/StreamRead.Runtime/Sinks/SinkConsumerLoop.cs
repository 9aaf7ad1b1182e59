using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Runtime.Sinks;

/// <summary>
/// Consumes an output topic in batches, hands each batch to an <see cref="IBatchWriter{T}"/>,
/// and commits the batch's offsets only after the writer returned: a crash re-delivers at most
/// the uncommitted batch, which the idempotent writer absorbs. A failing store is retried with
/// back-off, never skipped, so nothing is lost while it is down.
/// </summary>
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

    private readonly List<T> _batch = [];
    private readonly Dictionary<TopicPartition, long> _nextOffsets = [];
    private long _batchRecords;
    private CancellationToken _stopping;

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
        _stopping = stoppingToken;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(_config)
            .SetPartitionsRevokedHandler((c, revoked) => FlushAndCommit(c))
            .SetPartitionsLostHandler((_, lost) => Clear())
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

                if (_batchRecords > 0 && (_batch.Count >= _options.MaxBatchRecords || batchStarted.Elapsed >= _options.MaxBatchDelay))
                {
                    FlushAndCommit(consumer);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Graceful stop: what was consumed is written and committed before leaving the group,
        // bounded so a store that is down cannot hold the shutdown (uncommitted = re-delivered).
        using (var deadline = new CancellationTokenSource(FinalFlushTimeout))
        {
            FlushAndCommit(consumer, deadline.Token);
        }

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

    private void FlushAndCommit(IConsumer<byte[], byte[]> consumer) => FlushAndCommit(consumer, _stopping);

    private void FlushAndCommit(IConsumer<byte[], byte[]> consumer, CancellationToken cancellationToken)
    {
        if (_batchRecords == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        if (_batch.Count > 0 && !WriteWithRetry(cancellationToken))
        {
            return; // stopping while the store is down: nothing committed, the next run re-delivers.
        }

        consumer.Commit(_nextOffsets.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
        _metrics.RecordFlush(Stopwatch.GetElapsedTime(started), _batchRecords, _name);
        Clear();
    }

    private bool WriteWithRetry(CancellationToken cancellationToken)
    {
        var backoff = _options.RetryBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _writer.WriteAsync(_batch, cancellationToken).GetAwaiter().GetResult();
                if (attempt > 1)
                {
                    _logger.LogInformation("{Sink}: store reachable again after {Attempts} attempts", _name, attempt);
                }

                _metrics.RecordProduced(_name, _batch.Count);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("{Sink}: writing {Count} records failed (attempt {Attempt}): {Error}; retrying in {Backoff}",
                    _name, _batch.Count, attempt, e.Message, backoff);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            if (cancellationToken.WaitHandle.WaitOne(backoff))
            {
                return false;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxRetryBackoff.Ticks));
        }
    }

    private void Clear()
    {
        _batch.Clear();
        _nextOffsets.Clear();
        _batchRecords = 0;
    }
}
