using Confluent.Kafka;

namespace StreamRead.Runtime.Kafka;

/// <summary>
/// What the processor loop publishes about itself for health checks and metrics: written by the
/// loop thread, read by others, so every field is replaced atomically.
/// </summary>
public sealed class ProcessorStatus
{
    private volatile bool _running;
    private long _lastFlushTicks;
    private volatile IReadOnlyDictionary<TopicPartition, long> _lag = new Dictionary<TopicPartition, long>();
    private long _conversations;
    private long _members;

    /// <summary>The loop is polling (restore finished, not stopped).</summary>
    public bool IsRunning => _running;

    /// <summary>When the last flush committed; null before the first one.</summary>
    public DateTimeOffset? LastFlush => Interlocked.Read(ref _lastFlushTicks) is var t && t == 0 ? null : new DateTimeOffset(t, TimeSpan.Zero);

    /// <summary>Records on the broker not yet applied, per input partition.</summary>
    public IReadOnlyDictionary<TopicPartition, long> Lag => _lag;

    public long TotalLag => _lag.Values.Sum();

    public long Conversations => Interlocked.Read(ref _conversations);

    public long Members => Interlocked.Read(ref _members);

    internal void SetRunning(bool running) => _running = running;

    internal void MarkFlushed(DateTimeOffset at) => Interlocked.Exchange(ref _lastFlushTicks, at.UtcTicks);

    internal void SetLag(IReadOnlyDictionary<TopicPartition, long> lag, long conversations, long members)
    {
        _lag = lag;
        Interlocked.Exchange(ref _conversations, conversations);
        Interlocked.Exchange(ref _members, members);
    }
}
