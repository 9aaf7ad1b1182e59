using System.Text;
using Confluent.Kafka;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Topics;
using StreamRead.Runtime.Changelog;
using StreamRead.Runtime.Commit;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.Outputs;
using StreamRead.Runtime.State;

namespace StreamRead.Runtime.Tasks;

/// <summary>
/// Owns partition <see cref="Id"/> of the three inputs: buffers their records, applies them in
/// timestamp order to its <see cref="ReadStateStore"/>, and prepares each flush (changelog,
/// receipts, dead letters, batch marker, input offsets). Single-threaded: the processor loop
/// drives every call.
/// </summary>
/// <remarks>
/// A serving-store rebuild request (<c>streamread.control</c>, docs/design.md) starts a walk over
/// the task's conversations: each flush emits the full state of the next ones, up to
/// <see cref="MaxFullStateEntriesPerFlush"/> entries, so a rebuild of millions of members never
/// holds more than one flush's worth of records. The control offset served is part of the batch
/// marker: a task restored mid-walk starts the walk again, and a request that arrived while no
/// processor ran is served after the restart.
/// </remarks>
internal sealed class PartitionTask
{
    private readonly TopicSet _topics;
    private readonly TimeProvider _time;
    private readonly PartitionGroup<ConsumeResult<byte[], byte[]>> _buffer = new(3);
    private readonly Dictionary<string, long> _nextOffsets = new(StringComparer.Ordinal);
    private readonly List<OutputRecord> _deadLetters = [];
    private readonly long _epoch;
    private readonly bool _restoredMidRestatement; // the marker restored from said a restatement was owed
    private long _sequence;
    private long _applied;
    private long? _controlNext;
    private FullStateWalk? _walk;
    private ReplayRestatement? _replay;

    private readonly StreamReadMetrics _metrics;

    public PartitionTask(int id, TopicSet topics, ReadStateStore store, long epoch, BatchMarker? restoredFrom, TimeProvider time, StreamReadMetrics metrics)
    {
        _metrics = metrics;
        Id = id;
        _topics = topics;
        Store = store;
        _epoch = epoch;
        _time = time;
        InputPartitions = topics.Inputs.Select(t => new TopicPartition(t, id)).ToArray();
        if (restoredFrom is not null)
        {
            _restoredMidRestatement = restoredFrom.RestatementPending;
            foreach (var (topic, offset) in restoredFrom.NextOffsets)
            {
                if (topic == topics.Control)
                {
                    _controlNext = offset;
                }
                else
                {
                    _nextOffsets[topic] = offset;
                }
            }
        }

        State = TaskState.Running;
    }

    /// <summary>Full-state entries (users, messages, counts) one flush emits at most, beyond the first conversation.</summary>
    public const int MaxFullStateEntriesPerFlush = 50_000;

    public int Id { get; }

    public TaskState State { get; private set; }

    public ReadStateStore Store { get; }

    /// <summary>The task's partition of chat.messages, chat.reads and chat.members, in that order.</summary>
    public IReadOnlyList<TopicPartition> InputPartitions { get; }

    public int Buffered => _buffer.Count;

    /// <summary>Per input topic, the offset of the next record to apply: where a resumed task continues.</summary>
    public IReadOnlyDictionary<string, long> NextOffsets => _nextOffsets;

    /// <summary>Records applied (or dead-lettered) since the last flush.</summary>
    public long PendingRecords => _applied;

    /// <summary>Dead letters waiting for the next flush.</summary>
    public int PendingDeadLetters => _deadLetters.Count;

    public int BufferedOf(int inputIndex) => _buffer.CountOf(inputIndex);

    /// <summary>
    /// The offset of the next <c>streamread.control</c> record this task has to consider (requests
    /// below it are served); null until restored from a marker or set by <see cref="StartControlAt"/>.
    /// </summary>
    public long? ControlNext => _controlNext;

    /// <summary>Whether a serving-store rebuild is in progress: the next flushes emit full states.</summary>
    public bool HasFullStateWork => _walk is not null;

    /// <summary>For a task whose changelog holds no control offset: requests from <paramref name="offset"/> on concern it.</summary>
    public void StartControlAt(long offset) => _controlNext ??= offset;

    /// <summary>
    /// A rebuild request read at control offset <paramref name="requestOffset"/>: unless served
    /// already (or being served), the next flushes emit the full state of every conversation the
    /// task holds now. Conversations created later need none: all their changes come after it.
    /// </summary>
    /// <returns>Whether the request started a walk.</returns>
    public bool RequestFullState(long requestOffset)
    {
        EnsureRunning();
        if (requestOffset < _controlNext || (_walk is { RequestOffset: { } served } && served >= requestOffset))
        {
            return false;
        }

        // A newer request restarts the walk: the store may have lost what the walk emitted so far.
        // It covers every conversation, so any restatement owed (and still recorded as owed) too.
        _walk = new FullStateWalk(requestOffset, [.. Store.Conversations.Select(c => c.ConversationId)]) { Restates = HasPendingRestatement };
        return true;
    }

    /// <summary>
    /// After a restore: the run before it may have emitted the outputs of a batch it never
    /// committed, and its order of applying the three inputs (by arrival, as records came) need not
    /// be the replay's, so a serving store may hold a conversation's state at a version that the
    /// replay reaches with other contents, and then skips the replay's updates up to that version.
    /// Every conversation touched by an input record below <paramref name="endOffsets"/> (the inputs'
    /// ends at the restore, past anything the earlier run applied) therefore gets its full state
    /// emitted once all those records are applied: its version is then at least any the earlier run
    /// emitted, so the store takes it.
    /// </summary>
    /// <remarks>
    /// Until that restatement is emitted, each batch marker says it is pending: a task restored
    /// from such a marker (a crash or a handover during the replay) restates every conversation,
    /// since it cannot know which ones the earlier replay touched before its marker.
    /// </remarks>
    /// <param name="endOffsets">Per input topic, the end of this task's partition at the restore.</param>
    /// <param name="startOffsets">Per input topic, where the task resumes reading.</param>
    public void RestateAfterReplay(IReadOnlyDictionary<string, long> endOffsets, IReadOnlyDictionary<string, long> startOffsets)
    {
        var pending = endOffsets.Where(e => e.Value > startOffsets.GetValueOrDefault(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        if (pending.Count > 0)
        {
            _replay = new ReplayRestatement(pending, Store, restateAll: _restoredMidRestatement);
        }
        else if (_restoredMidRestatement)
        {
            Restate(Store.Conversations.Select(c => c.ConversationId));
        }
    }

    /// <summary>Whether a restatement after a replay is still owed (it is then recorded in each batch marker).</summary>
    public bool HasPendingRestatement => _replay is not null || _walk is { Restates: true };

    public void Enqueue(ConsumeResult<byte[], byte[]> record)
    {
        var index = _topics.InputIndexOf(record.Topic);
        if (index < 0 || record.Partition.Value != Id)
        {
            throw new ArgumentException($"record of {record.TopicPartition} does not belong to task {Id}", nameof(record));
        }

        _buffer.Add(index, record.Message.Timestamp.UnixTimestampMs, record);
    }

    /// <summary>Applies up to <paramref name="maxRecords"/> buffered records in timestamp order.</summary>
    /// <param name="mayPassOver">Whether an input with nothing buffered may be passed over (see <see cref="PartitionGroup{T}"/>).</param>
    /// <returns>The records applied.</returns>
    public int Process(int maxRecords, Func<int, bool> mayPassOver)
    {
        EnsureRunning();
        var applied = 0;
        while (applied < maxRecords && _buffer.TryTakeNext(mayPassOver, out var record))
        {
            Apply(record);
            applied++;
        }

        return applied;
    }

    /// <summary>
    /// Drains the store's changes into output records. The batch marker comes separately: it
    /// may only be written once every other record of the flush is acknowledged.
    /// </summary>
    public (TaskFlush Flush, OutputRecord Marker)? PrepareFlush()
    {
        EnsureRunning();
        if (_applied == 0 && _walk is null)
        {
            return null;
        }

        // Numbered when prepared: the previous batch may still be being stored. A batch that is
        // never stored leaves a gap, which restore does not mind (the process fails with it anyway).
        var batch = new BatchId(_epoch, ++_sequence);
        var now = _time.GetUtcNow();
        var records = new List<OutputRecord>();
        foreach (var (state, changes) in Store.DrainChanges())
        {
            var conversation = changes.ConversationId;
            foreach (var member in changes.Members)
            {
                records.Add(new OutputRecord(_topics.Changelog, Id,
                    ChangelogKey.ForMember(conversation, member.UserId).Encode(), SnapshotCodec.EncodeMember(member.Snapshot), batch));
            }

            // Without the per-message senders, which would cost every flush the whole history.
            var snapshot = state.CaptureSnapshotWithoutSenders();
            foreach (var (chunk, senders) in SnapshotCodec.EncodeSenderChunks(state, snapshot, changes.Messages.Select(m => m.Seq)))
            {
                records.Add(new OutputRecord(_topics.Changelog, Id, ChangelogKey.ForSenderChunk(conversation, chunk).Encode(), senders, batch));
            }

            records.Add(new OutputRecord(_topics.Changelog, Id,
                ChangelogKey.ForConversation(conversation).Encode(), SnapshotCodec.EncodeConversation(snapshot), batch));

            var key = Encoding.UTF8.GetBytes(conversation);
            foreach (var receipt in ReceiptMapper.ToReceiptUpdates(changes, now))
            {
                records.Add(new OutputRecord(_topics.Receipts, null, key, ContractsSerializer.Serialize(receipt)));
            }

            // Analytics facts (SPEC 3, ClickHouse); the snapshot dates what each read advance read.
            foreach (var analytics in AnalyticsMapper.ToAnalyticsUpdates(changes, state, snapshot, now))
            {
                records.Add(new OutputRecord(_topics.Analytics, null, key, ContractsSerializer.Serialize(analytics)));
            }
        }

        var fullStates = AddFullStates(records, now);
        records.AddRange(_deadLetters);
        var markerOffsets = new Dictionary<string, long>(_nextOffsets);
        if (_controlNext is { } controlNext)
        {
            markerOffsets[_topics.Control] = controlNext;
        }

        var marker = new BatchMarker(batch, markerOffsets, HasPendingRestatement);
        var markerRecord = new OutputRecord(_topics.Changelog, Id, ChangelogKey.ForMarker(_epoch).Encode(), marker.Encode(), batch);
        var offsets = _nextOffsets.Select(p => new TopicPartitionOffset(p.Key, Id, p.Value)).ToList();
        var flush = new TaskFlush(Id, records, offsets, _applied, _deadLetters.Count, fullStates);

        _deadLetters.Clear();
        _applied = 0;
        return (flush, markerRecord);
    }

    public void Close()
    {
        _buffer.Clear();
        State = TaskState.Closed;
    }

    /// <summary>
    /// Emits the full state of the walk's next conversations, after the flush's drained changes (so
    /// a consumer's last record of a conversation in this flush is its full state, with the same
    /// version). Ends the walk, and advances the control offset, after the last conversation.
    /// </summary>
    /// <returns>The conversations described.</returns>
    private int AddFullStates(List<OutputRecord> records, DateTimeOffset now)
    {
        if (_walk is not { } walk)
        {
            return 0;
        }

        var entries = 0L;
        var described = 0;
        while (walk.Position < walk.ConversationIds.Count && (described == 0 || entries < MaxFullStateEntriesPerFlush))
        {
            if (Store.Find(walk.ConversationIds[walk.Position++]) is not { } state)
            {
                continue;
            }

            var full = state.DescribeFullState();
            var key = Encoding.UTF8.GetBytes(full.ConversationId);
            foreach (var receipt in ReceiptMapper.ToReceiptUpdates(full, now))
            {
                records.Add(new OutputRecord(_topics.Receipts, null, key, ContractsSerializer.Serialize(receipt)));
            }

            entries += full.Members.Count + full.Messages.Count + full.Counts.Count;
            described++;
        }

        if (walk.Position == walk.ConversationIds.Count)
        {
            if (walk.RequestOffset is { } requestOffset)
            {
                _controlNext = requestOffset + 1;
            }

            _walk = null;
        }

        return described;
    }

    private void Apply(ConsumeResult<byte[], byte[]> record)
    {
        var index = _topics.InputIndexOf(record.Topic);
        var message = record.Message;
        var parsed = InputRecordParser.Parse(TopicNames.Inputs[index], message.Key, message.Value, message.Value is null);
        if (parsed.IsValid)
        {
            Store.Apply(parsed.Event, RecordTimestampMs(record));
        }
        else
        {
            DeadLetter(record, parsed.Reason);
        }

        _nextOffsets[record.Topic] = record.Offset.Value + 1;
        _applied++;
        if (_replay is { } replay && replay.Applied(record.Topic, record.Offset.Value, parsed.IsValid ? parsed.Event.ConversationId : null))
        {
            _replay = null;
            Restate(replay.Conversations);
        }
    }

    /// <summary>Emits the full state of <paramref name="conversationIds"/>, after whatever a rebuild walk still has to describe.</summary>
    private void Restate(IEnumerable<string> conversationIds)
    {
        _walk ??= new FullStateWalk(null, []);
        _walk.ConversationIds.AddRange(conversationIds);
        _walk.Restates = true;
    }

    private void DeadLetter(ConsumeResult<byte[], byte[]> record, DeadLetterReason reason)
    {
        var message = record.Message;
        var deadLetter = DeadLetterRecord.Create(
            record.Topic, record.Partition.Value, record.Offset.Value,
            DateTimeOffset.FromUnixTimeMilliseconds(RecordTimestampMs(record)),
            message.Key, message.Value, reason, _time.GetUtcNow());
        _deadLetters.Add(new OutputRecord(_topics.DeadLetter, null, message.Key, ContractsSerializer.Serialize(deadLetter)));
        _metrics.RecordDeadLetter(reason.Code.ToWireName());
    }

    /// <summary>The record's timestamp: the event time of SPEC 2.5 (gateways set it to the event's own time).</summary>
    private long RecordTimestampMs(ConsumeResult<byte[], byte[]> record) =>
        record.Message.Timestamp.Type == TimestampType.NotAvailable
            ? _time.GetUtcNow().ToUnixTimeMilliseconds()
            : record.Message.Timestamp.UnixTimestampMs;

    private void EnsureRunning()
    {
        if (State != TaskState.Running)
        {
            throw new InvalidOperationException($"task {Id} is {State}");
        }
    }

    /// <summary>
    /// A rebuild in progress: the conversations to describe and how far the flushes got; the
    /// control request it serves, or null for a restatement after a replay.
    /// </summary>
    private sealed class FullStateWalk(long? requestOffset, List<string> conversationIds)
    {
        public long? RequestOffset { get; } = requestOffset;

        public List<string> ConversationIds { get; } = conversationIds;

        public int Position { get; set; }

        /// <summary>Whether it includes a restatement after a replay (so the batch markers say one is pending until it ends).</summary>
        public bool Restates { get; set; }
    }
}
