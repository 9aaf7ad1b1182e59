using System.Diagnostics.Metrics;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Api.Push;

/// <summary>
/// The push's instruments, on StreamRead's one meter (<see cref="StreamReadMetrics.MeterName"/>),
/// so <c>/metrics</c> shows them beside the processor's.
/// </summary>
internal sealed class PushMetrics
{
    private readonly Meter _meter;
    private readonly Counter<long> _updates;
    private readonly Histogram<double> _delay;
    private readonly Counter<long> _events;
    private readonly Counter<long> _dropped;

    public PushMetrics(StreamReadMetrics metrics)
    {
        _meter = metrics.Meter;
        _updates = _meter.CreateCounter<long>("streamread.push.updates", "{update}", "Receipts updates the push consumer applied.");
        _delay = _meter.CreateHistogram<double>(
            "streamread.push.delay", "s", "From the processor emitting a receipts update to the push hub applying it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _events = _meter.CreateCounter<long>("streamread.push.events", "{event}", "Server-sent events written to clients, by event type.");
        _dropped = _meter.CreateCounter<long>("streamread.push.dropped", "{event}", "Events a slow client lost because its buffer was full.");
    }

    /// <param name="delay">From emission to the hub; null for an update skipped without decoding.</param>
    internal void RecordUpdate(TimeSpan? delay)
    {
        _updates.Add(1);
        if (delay is { } d)
        {
            _delay.Record(Math.Max(0, d.TotalSeconds));
        }
    }

    internal void RecordEvents(string eventName, long count) => _events.Add(count, new KeyValuePair<string, object?>("event", eventName));

    internal void RecordDropped(long count) => _dropped.Add(count);

    internal void ObserveStreams(Func<int> streams) =>
        _meter.CreateObservableGauge("streamread.push.streams", streams, "{stream}", "Open /v1/stream connections.");
}
