using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Parsing;
using StreamRead.Kafka.Configuration;
using StreamRead.Model;
using StreamRead.Runtime.Changelog;
using StreamRead.Runtime.Commit;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.State;
using StreamRead.Runtime.Tasks;

namespace StreamRead.Runtime.Kafka;

/// <summary>
/// The processor's consume loop (after Kafka Streams' StreamThread): polls the three inputs,
/// routes records to the <see cref="PartitionTask"/> of their partition, lets tasks apply them in
/// timestamp order, and runs a flush when a batch is full or due. Rebalances restore tasks
/// before they run and flush them before they are given away. Runs on one dedicated thread.
/// </summary>
/// <remarks>
/// Beside the group consumer of the inputs, an assign-only consumer reads partition 0 of
/// <c>streamread.control</c> (no group, no commits) from the lowest control offset any owned task
/// still has to consider, and hands each serving-store rebuild request to every task.
/// </remarks>
internal sealed class ProcessorLoop
{
    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PendingPoll = TimeSpan.FromMilliseconds(10);
    private const int MaxRecordsPerPoll = 5_000;

    private readonly ProcessorOptions _options;
    private readonly KafkaClientConfigFactory _configs;
    private readonly StreamReadMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TopicSet _topics;
    private readonly ModelOptions _modelOptions;
    private readonly Dictionary<int, PartitionTask> _tasks = [];
    private readonly Dictionary<int, (PartitionTask Task, long ChangelogEnd)> _suspended = [];
    private readonly Dictionary<int, long> _idleSince = [];
    private readonly HashSet<TopicPartition> _paused = [];
    private readonly sbyte[] _passOver = new sbyte[3]; // per input of the task being processed: 0 not asked, 1 yes, -1 no

    // One pool for every task's state: a user's conversations spread over partitions.
    private readonly UserIdPool _userIds = new();
    private readonly ProcessorStatus _status;

    private IConsumer<byte[], byte[]>? _consumer;
    private IConsumer<byte[], byte[]>? _control;
    private long? _controlPosition;
    private KafkaRecordCollector? _collector;
    private FlushCoordinator? _coordinator;
    private PendingFlush? _pending;
    private List<PartitionTask> _rebuiltByPending = [];
    private ChangelogReader? _changelog;
    private long _batchStartedAt = -1;
    private long _lastLagUpdate;
    private CancellationToken _stopping;

    public ProcessorLoop(
        ProcessorOptions options,
        KafkaClientConfigFactory configs,
        StreamReadMetrics metrics,
        ProcessorStatus status,
        ILogger logger,
        TimeProvider? time = null)
    {
        _options = options;
        _configs = configs;
        _metrics = metrics;
        _status = status;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _topics = new TopicSet(options.TopicPrefix);
        _modelOptions = new ModelOptions
        {
            EarlyReadWindow = options.EarlyReadWindow,
            HotWindowSize = options.HotWindowSize,
        };
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> fires, then flushes and leaves the group.</summary>
    public void Run(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var partitions = new TopicValidator(_configs, _topics).ValidateCoPartitioning(out var hasControlTopic);
        _logger.LogInformation("processor {Instance} starting: {Partitions} partitions per input, transactions {Transactions}",
            InstanceId, partitions, _options.Transactions ? "on" : "off");

        var consumerConfig = _configs.CreateConsumerConfig(_options.ApplicationId);
        consumerConfig.EnableAutoCommit = false;
        consumerConfig.EnableAutoOffsetStore = false;
        consumerConfig.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range;
        consumerConfig.FetchWaitMaxMs = (int)Math.Clamp(_options.FetchWait.TotalMilliseconds, 1, 500);
        if (_options.Transactions)
        {
            consumerConfig.IsolationLevel = IsolationLevel.ReadCommitted;
        }

        _changelog = new ChangelogReader(consumerConfig, _options.Transactions, _logger);
        using var control = _control = hasControlTopic ? CreateControlConsumer(consumerConfig) : null;
        if (!hasControlTopic)
        {
            _logger.LogWarning("topic {Topic} does not exist: the processor runs, but a serving store that lost its data cannot ask " +
                "for a rebuild; create it with './streamread topics create'", _topics.Control);
        }

        using var collector = _collector = new KafkaRecordCollector(
            _configs.CreateProducerConfig(), _options.Transactions ? $"{_options.ApplicationId}-{InstanceId}" : null);
        using var consumer = _consumer = new ConsumerBuilder<byte[], byte[]>(consumerConfig)
            .SetPartitionsAssignedHandler((_, assigned) => OnAssigned(assigned))
            .SetPartitionsRevokedHandler((_, revoked) => OnRevoked(revoked))
            .SetPartitionsLostHandler((_, lost) => OnLost(lost))
            .Build();
        _coordinator = new FlushCoordinator(collector, offsets => CommitOffsets(consumer, offsets), () => consumer.ConsumerGroupMetadata, _metrics);
        consumer.Subscribe(_topics.Inputs);
        _status.SetRunning(true);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                PollControl();
                Poll(consumer);
                Process();
                if (_pending is { IsAcknowledged: true })
                {
                    CompletePending();
                }

                if (FlushDue())
                {
                    BeginFlush();
                }

                PauseOrResume(consumer);
                UpdateLagIfDue(consumer);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _status.SetRunning(false);
            // On a failure, let a flush in flight finish with the producer before it is disposed.
            _pending?.WaitQuietly(TimeSpan.FromSeconds(30));
        }

        // Graceful stop: apply what is buffered, flush, then leave the group (Close revokes,
        // which flushes again with nothing pending).
        ProcessAllBuffered();
        Flush();
        consumer.Close();
        foreach (var task in _tasks.Values.Concat(_suspended.Values.Select(s => s.Task)))
        {
            task.Close();
        }

        _logger.LogInformation("processor {Instance} stopped", InstanceId);
    }

    /// <summary>
    /// Commits input offsets to the group. A commit refused because the group is rebalancing is
    /// not an error: the batch marker already holds these offsets, and whoever owns the partition
    /// next resumes from the marker (docs/design.md); the group offsets are for monitoring.
    /// </summary>
    private void CommitOffsets(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration
            or ErrorCode.UnknownMemberId or ErrorCode.Local_State or ErrorCode.Local_NoOffset)
        {
            _logger.LogInformation("offset commit skipped ({Reason}): the changelog's batch marker holds these offsets", e.Error.Reason);
        }
    }

    private string InstanceId => string.IsNullOrEmpty(_options.InstanceId) ? Environment.MachineName : _options.InstanceId;

    private void Poll(IConsumer<byte[], byte[]> consumer)
    {
        var wait = MaxPoll;
        if (_tasks.Values.Any(t => t.HasFullStateWork))
        {
            wait = TimeSpan.Zero; // a rebuild in progress: flush its next part right away
        }
        else if (_batchStartedAt >= 0)
        {
            var left = _options.MaxBatchDelay - _time.GetElapsedTime(_batchStartedAt);
            wait = left < TimeSpan.Zero ? TimeSpan.Zero : left < wait ? left : wait;
        }

        if (_pending is not null && wait > PendingPoll)
        {
            wait = PendingPoll; // come back soon to commit the pending flush's offsets
        }

        var record = Consume(consumer, wait);
        for (var n = 0; record is not null; n++)
        {
            if (_tasks.TryGetValue(record.Partition.Value, out var task))
            {
                task.Enqueue(record);
                _metrics.RecordConsumed(record.Topic);
            }

            if (n >= MaxRecordsPerPoll)
            {
                break;
            }

            record = Consume(consumer, TimeSpan.Zero);
        }
    }

    private ConsumeResult<byte[], byte[]>? Consume(IConsumer<byte[], byte[]> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            _logger.LogWarning("consume error on {Partition}: {Reason}", e.ConsumerRecord?.TopicPartition, e.Error.Reason);
            return null;
        }
    }

    private void Process()
    {
        foreach (var task in _tasks.Values)
        {
            var room = _options.MaxBatchRecords - PendingRecords();
            if (room <= 0)
            {
                return;
            }

            // Whether an empty input may be passed over cannot change while the task applies what is
            // buffered (nothing is consumed meanwhile), so ask the consumer once per input, not per record.
            Array.Clear(_passOver);
            var applied = task.Process((int)Math.Min(room, int.MaxValue), index =>
                _passOver[index] != 0 ? _passOver[index] > 0 : (_passOver[index] = MayPassOver(task, index) ? (sbyte)1 : (sbyte)-1) > 0);
            if (applied > 0 && _batchStartedAt < 0)
            {
                _batchStartedAt = _time.GetTimestamp();
            }

            // Idle bookkeeping for MaxTaskIdle: a task waiting on an empty input starts a clock.
            if (applied == 0 && task.Buffered > 0)
            {
                _idleSince.TryAdd(task.Id, _time.GetTimestamp());
            }
            else
            {
                _idleSince.Remove(task.Id);
            }
        }
    }

    private void ProcessAllBuffered()
    {
        foreach (var task in _tasks.Values)
        {
            while (task.Buffered > 0 && task.Process(int.MaxValue, _ => true) > 0)
            {
            }
        }
    }

    /// <summary>
    /// Kafka Streams' rule for an input with nothing buffered: pass it over only when the broker
    /// has nothing more for it right now, or the task has idled longer than MaxTaskIdle.
    /// </summary>
    private bool MayPassOver(PartitionTask task, int inputIndex)
    {
        if (_idleSince.TryGetValue(task.Id, out var since) && _time.GetElapsedTime(since) >= _options.MaxTaskIdle)
        {
            return true;
        }

        var partition = task.InputPartitions[inputIndex];
        var watermarks = _consumer!.GetWatermarkOffsets(partition);
        if (watermarks.High == Offset.Unset)
        {
            return false; // nothing fetched yet: the broker may hold earlier records
        }

        // The next offset the task will apply: the consumer's position once it delivered a record,
        // else where the task resumes, else the start of the log (an input it never saw).
        var position = _consumer.Position(partition);
        var next = position != Offset.Unset ? position.Value
            : task.NextOffsets.TryGetValue(partition.Topic, out var resume) ? resume
            : watermarks.Low != Offset.Unset ? watermarks.Low.Value : 0;
        return next >= watermarks.High.Value;
    }

    private long PendingRecords()
    {
        var pending = 0L;
        foreach (var task in _tasks.Values)
        {
            pending += task.PendingRecords;
        }

        return pending;
    }

    private bool FlushDue() =>
        (_batchStartedAt >= 0
            && (PendingRecords() >= _options.MaxBatchRecords || _time.GetElapsedTime(_batchStartedAt) >= _options.MaxBatchDelay))
        || _tasks.Values.Any(t => t.HasFullStateWork);

    /// <summary>Flushes everything applied so far and waits for it (rebalances, shutdown).</summary>
    private void Flush()
    {
        BeginFlush();
        CompletePending();
    }

    /// <summary>
    /// Prepares a flush of every task with pending work while the previous flush is still being
    /// stored in the background (its acknowledgements were awaited while this batch was applied),
    /// completes that one, then starts storing this one; <see cref="CompletePending"/> finishes it.
    /// </summary>
    private void BeginFlush()
    {
        if (_coordinator is null)
        {
            return;
        }

        var rebuilding = _tasks.Values.Where(t => t.HasFullStateWork).ToList();
        var next = _coordinator.Prepare(_tasks.Values);
        _batchStartedAt = -1;
        CompletePending();
        if (next is not null)
        {
            _coordinator.Start(next, CancellationToken.None);
            _pending = next;
            _rebuiltByPending = rebuilding.Where(t => !t.HasFullStateWork).ToList();
        }
    }

    /// <summary>Waits for the flush in flight, if any, and commits it (a failed flush throws: the tasks' state is ahead of what was stored).</summary>
    private void CompletePending()
    {
        if (_pending is not { } pending)
        {
            return;
        }

        _pending = null;
        _coordinator!.Complete(pending);
        _status.MarkFlushed(_time.GetUtcNow());
        foreach (var task in _rebuiltByPending)
        {
            _logger.LogInformation("task {Task}: full state of its {Conversations} conversations emitted (serving-store rebuild)",
                task.Id, task.Store.ConversationCount);
        }

        _rebuiltByPending = [];
    }

    private IConsumer<byte[], byte[]> CreateControlConsumer(ConsumerConfig baseConfig)
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(baseConfig))
        {
            // Assign-only: the client wants a group id, but nothing is ever committed.
            GroupId = _options.ApplicationId + "-control",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 100,
        };
        return new ConsumerBuilder<byte[], byte[]>(config).Build();
    }

    /// <summary>
    /// Gives tasks without a control offset the current end (earlier requests predate their state),
    /// then makes the control consumer read from the lowest offset an owned task still has to consider.
    /// </summary>
    private void PositionControl()
    {
        if (_control is null || _tasks.Count == 0)
        {
            return;
        }

        var partition = new TopicPartition(_topics.Control, 0);
        long? end = null;
        foreach (var task in _tasks.Values.Where(t => t.ControlNext is null))
        {
            end ??= _control.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(30)).High.Value;
            task.StartControlAt(end.Value);
        }

        var from = _tasks.Values.Min(t => t.ControlNext!.Value);
        if (_controlPosition is null || from < _controlPosition)
        {
            _control.Assign(new TopicPartitionOffset(partition, from));
            _controlPosition = from;
        }
    }

    /// <summary>Hands the rebuild requests that arrived to every task (each serves a request once).</summary>
    private void PollControl()
    {
        if (_control is null || _controlPosition is null)
        {
            return;
        }

        for (var n = 0; n < 100; n++)
        {
            ConsumeResult<byte[], byte[]>? record;
            try
            {
                record = _control.Consume(TimeSpan.Zero);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                _logger.LogWarning("consume error on {Topic}: {Reason}", _topics.Control, e.Error.Reason);
                return;
            }

            if (record is null || record.IsPartitionEOF)
            {
                return;
            }

            var offset = record.Offset.Value;
            _controlPosition = offset + 1;
            var value = record.Message.Value;
            if (value is null || value.Length > InputLimits.MaxRecordBytes)
            {
                _logger.LogWarning("ignoring {Topic}@{Offset}: {Bytes} bytes is not a rebuild request (at most {Limit})",
                    _topics.Control, offset, value?.Length ?? 0, InputLimits.MaxRecordBytes);
                continue;
            }

            Contracts.Control.ServingRebuildRequest request;
            try
            {
                request = ContractsSerializer.DeserializeServingRebuildRequest(value);
            }
            catch (System.Text.Json.JsonException e)
            {
                _logger.LogWarning("ignoring {Topic}@{Offset}: not a rebuild request ({Reason})", _topics.Control, offset, e.Message);
                continue;
            }

            var started = _tasks.Values.Where(t => t.RequestFullState(offset)).Select(t => t.Id).Order().ToList();
            if (started.Count > 0)
            {
                _logger.LogInformation("serving-store rebuild requested by {RequestedBy} for {Store} ({Reason}) at {Topic}@{Offset}: " +
                    "tasks [{Tasks}] emit the full state of their conversations", request.RequestedBy, request.Store, request.Reason,
                    _topics.Control, offset, string.Join(", ", started));
            }
        }
    }

    private void PauseOrResume(IConsumer<byte[], byte[]> consumer)
    {
        foreach (var task in _tasks.Values)
        {
            for (var i = 0; i < 3; i++)
            {
                var partition = task.InputPartitions[i];
                var buffered = task.BufferedOf(i);
                if (buffered >= _options.MaxBufferedRecordsPerPartition && _paused.Add(partition))
                {
                    consumer.Pause([partition]);
                }
                else if (buffered < _options.MaxBufferedRecordsPerPartition / 2 && _paused.Remove(partition))
                {
                    consumer.Resume([partition]);
                }
            }
        }
    }

    private void UpdateLagIfDue(IConsumer<byte[], byte[]> consumer)
    {
        if (_time.GetElapsedTime(_lastLagUpdate) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _lastLagUpdate = _time.GetTimestamp();
        var lag = new Dictionary<TopicPartition, long>();
        foreach (var task in _tasks.Values)
        {
            for (var i = 0; i < task.InputPartitions.Count; i++)
            {
                // Lag = records the broker has that were not applied yet: unfetched plus buffered.
                var partition = task.InputPartitions[i];
                var high = consumer.GetWatermarkOffsets(partition).High;
                var position = consumer.Position(partition);
                if (high != Offset.Unset && position != Offset.Unset)
                {
                    lag[partition] = Math.Max(0, high.Value - position.Value) + task.BufferedOf(i);
                }
            }
        }

        _status.SetLag(lag, _tasks.Values.Sum(t => t.Store.ConversationCount), _tasks.Values.Sum(t => t.Store.MemberCount));
    }

    private List<TopicPartitionOffset> OnAssigned(List<TopicPartition> assigned)
    {
        CompletePending();
        var starts = new List<TopicPartitionOffset>();
        foreach (var group in assigned.GroupBy(p => p.Partition.Value).OrderBy(g => g.Key))
        {
            var id = group.Key;
            var topics = group.Select(p => p.Topic).ToHashSet();
            if (!_topics.Inputs.All(topics.Contains))
            {
                throw new InvalidOperationException(
                    $"partition {id} was assigned for [{string.Join(", ", topics)}] only; the range assignor must give one " +
                    "instance the same partition of every input. Do all instances use PartitionAssignmentStrategy=Range?");
            }

            var task = ResumeOrRestore(id);
            _tasks[id] = task;
            foreach (var partition in task.InputPartitions)
            {
                // Where the task's state ends, not the group's committed offset, which may be behind
                // (a commit that failed in a rebalance); Unset (the committed offset, else the
                // earliest) only for an input the task never saw a record of.
                starts.Add(task.NextOffsets.TryGetValue(partition.Topic, out var next)
                    ? new TopicPartitionOffset(partition, next)
                    : new TopicPartitionOffset(partition, Offset.Unset));
            }
        }

        // Suspended tasks that did not come back belong to another instance now.
        foreach (var (_, (task, _)) in _suspended)
        {
            task.Close();
        }

        _suspended.Clear();
        PositionControl();
        _logger.LogInformation("assigned tasks [{Tasks}]", string.Join(", ", _tasks.Keys.Order()));
        return starts;
    }

    /// <summary>
    /// Reuses a task suspended by the previous revocation when nobody wrote its changelog since
    /// (it was ours all along); otherwise restores it from the changelog.
    /// </summary>
    private PartitionTask ResumeOrRestore(int id)
    {
        var changelog = new TopicPartition(_topics.Changelog, id);
        if (_suspended.Remove(id, out var suspended))
        {
            if (_changelog!.EndOffset(changelog) == suspended.ChangelogEnd)
            {
                _logger.LogInformation("task {Task}: resumed without restore", id);
                return suspended.Task;
            }

            suspended.Task.Close();
        }

        var started = Stopwatch.GetTimestamp();
        var restored = _changelog!.Restore(changelog, _stopping);
        var store = ReadStateStore.Restore(restored, _modelOptions, _userIds);
        var task = new PartitionTask(id, _topics, store, restored.MaxEpoch + 1, restored.LatestMarker, _time, _metrics);
        // The replay from here may apply the inputs in another order than the run that wrote this
        // changelog, which may have emitted a batch it never committed: restate what the replay
        // touches once it reached the inputs' current ends (PartitionTask.RestateAfterReplay).
        // With transactions, such a batch was aborted and read-committed consumers never saw it.
        if (_collector is { IsTransactional: false })
        {
            var inputs = task.InputPartitions.Zip(_changelog.Watermarks(task.InputPartitions)).ToList();
            task.RestateAfterReplay(
                inputs.ToDictionary(p => p.First.Topic, p => p.Second.High.Value),
                inputs.ToDictionary(p => p.First.Topic, p => task.NextOffsets.GetValueOrDefault(p.First.Topic, p.Second.Low.Value)));
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        _metrics.RecordRestore(elapsed, restored.RecordsRead);
        _logger.LogInformation(
            "task {Task}: restored {Conversations} conversations from {Records} changelog records in {Elapsed} ms " +
            "({Discarded} discarded from an unfinished batch), epoch {Epoch}",
            id, store.ConversationCount, restored.RecordsRead, (long)elapsed.TotalMilliseconds, restored.RecordsDiscarded, restored.MaxEpoch + 1);
        return task;
    }

    private void OnRevoked(List<TopicPartitionOffset> revoked)
    {
        // Everything applied so far is flushed and committed before the partitions go.
        ProcessAllBuffered();
        Flush();
        foreach (var id in revoked.Select(p => p.Partition.Value).Distinct())
        {
            if (_tasks.Remove(id, out var task))
            {
                // Keep the state: if the partition comes back and nobody else wrote its
                // changelog meanwhile, no restore is needed.
                var end = _changelog!.EndOffset(new TopicPartition(_topics.Changelog, id));
                _suspended[id] = (task, end);
            }
        }

        _paused.RemoveWhere(p => revoked.Any(r => r.TopicPartition.Equals(p)));
        _logger.LogInformation("revoked tasks; now [{Tasks}]", string.Join(", ", _tasks.Keys.Order()));
    }

    private void OnLost(List<TopicPartitionOffset> lost)
    {
        // A flush begun while the partitions were ours ends as a synchronous one would have.
        CompletePending();
        // Another instance may own these already: drop the state without writing anything.
        foreach (var id in lost.Select(p => p.Partition.Value).Distinct())
        {
            if (_tasks.Remove(id, out var task))
            {
                task.Close();
            }
        }

        _logger.LogWarning("lost tasks without a clean revoke; now [{Tasks}]", string.Join(", ", _tasks.Keys.Order()));
    }
}
