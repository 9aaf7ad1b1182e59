using System.Diagnostics.Metrics;

namespace StreamRead.Runtime.Metrics;

/// <summary>
/// Every instrument StreamRead publishes, on one <see cref="Meter"/> named <c>StreamRead</c>
/// (SPEC 3: consumer lag, records in and out, dead letters, flush latency, state size).
/// Names follow OpenTelemetry's dotted style; the Prometheus exporter turns
/// <c>streamread.records.consumed</c> into <c>streamread_records_consumed_total</c>.
/// </summary>
public sealed class StreamReadMetrics : IDisposable
{
    /// <summary>The meter name to enable in OpenTelemetry (<c>AddMeter("StreamRead")</c>).</summary>
    public const string MeterName = "StreamRead";

    private readonly Meter _meter;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _produced;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<double> _flushDuration;
    private readonly Histogram<long> _flushRecords;
    private readonly Histogram<double> _flushPhaseDuration;
    private readonly Histogram<double> _restoreDuration;
    private readonly Counter<long> _restoredRecords;
    private readonly Counter<long> _rebuiltConversations;
    private readonly Counter<long> _rebuildRequests;

    public StreamReadMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _consumed = _meter.CreateCounter<long>("streamread.records.consumed", "{record}", "Input records consumed, by topic.");
        _produced = _meter.CreateCounter<long>("streamread.records.produced", "{record}", "Output records acknowledged, by topic.");
        _deadLetters = _meter.CreateCounter<long>("streamread.deadletters", "{record}", "Input records rejected to the dead-letter topic, by reason.");
        _flushDuration = _meter.CreateHistogram<double>(
            "streamread.flush.duration", "s", "Time from the start of a flush to its committed offsets.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _flushRecords = _meter.CreateHistogram<long>("streamread.flush.records", "{record}", "Input records covered by one flush.");
        _flushPhaseDuration = _meter.CreateHistogram<double>(
            "streamread.flush.phase.duration", "s",
            "Time of each phase of a processor flush: prepare (drain state, encode outputs), outputs (produce and acknowledge), markers, commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _restoreDuration = _meter.CreateHistogram<double>("streamread.restore.duration", "s", "Time to restore a task's state from its changelog.");
        _restoredRecords = _meter.CreateCounter<long>("streamread.restore.records", "{record}", "Changelog records read while restoring.");
        _rebuiltConversations = _meter.CreateCounter<long>(
            "streamread.rebuild.conversations", "{conversation}", "Conversations whose full state the processor emitted for a serving-store rebuild.");
        _rebuildRequests = _meter.CreateCounter<long>(
            "streamread.rebuild.requests", "{request}", "Serving-store rebuild requests a sink sent because it found its store empty, by store.");
    }

    /// <summary>The meter, for observable instruments owned by components (lag, state size).</summary>
    public Meter Meter => _meter;

    public void RecordConsumed(string topic, long count = 1) => _consumed.Add(count, new KeyValuePair<string, object?>("topic", topic));

    public void RecordProduced(string topic, long count) => _produced.Add(count, new KeyValuePair<string, object?>("topic", topic));

    public void RecordDeadLetter(string reason) => _deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RecordFlush(TimeSpan duration, long records, string component)
    {
        var tag = new KeyValuePair<string, object?>("component", component);
        _flushDuration.Record(duration.TotalSeconds, tag);
        _flushRecords.Record(records, tag);
    }

    /// <summary>One phase of a processor flush (see <c>FlushCoordinator</c>): where flush latency goes.</summary>
    public void RecordFlushPhase(string phase, TimeSpan duration) =>
        _flushPhaseDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("phase", phase));

    public void RecordRestore(TimeSpan duration, long records)
    {
        _restoreDuration.Record(duration.TotalSeconds);
        _restoredRecords.Add(records);
    }

    public void RecordFullStates(long conversations) => _rebuiltConversations.Add(conversations);

    public void RecordRebuildRequest(string store) => _rebuildRequests.Add(1, new KeyValuePair<string, object?>("store", store));

    public void Dispose() => _meter.Dispose();
}
