using System.Diagnostics;
using System.Diagnostics.Metrics;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// Watches one processor's or sink's own <see cref="StreamReadMetrics"/>: records consumed, and
/// records covered by committed flushes (reported after the offsets are committed), with the
/// stopwatch time of the first consume and of the latest flush.
/// </summary>
internal sealed class ProcessorProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _consumed;
    private long _committed;
    private long _flushes;
    private long _firstConsumedAt;
    private long _lastFlushAt;
    private long _restoredRecords;
    private long _produced;
    private readonly Dictionary<string, double> _phaseSeconds = new(StringComparer.Ordinal);

    public ProcessorProbe(StreamReadMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case "streamread.records.consumed":
                    if (Interlocked.Add(ref _consumed, value) == value)
                    {
                        Interlocked.Exchange(ref _firstConsumedAt, Stopwatch.GetTimestamp());
                    }

                    break;
                case "streamread.flush.records":
                    Interlocked.Add(ref _committed, value);
                    Interlocked.Increment(ref _flushes);
                    Interlocked.Exchange(ref _lastFlushAt, Stopwatch.GetTimestamp());
                    break;
                case "streamread.records.produced":
                    Interlocked.Add(ref _produced, value);
                    break;
                case "streamread.restore.records":
                    Interlocked.Add(ref _restoredRecords, value);
                    break;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "streamread.flush.phase.duration")
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "phase", Value: string phase })
                    {
                        lock (_phaseSeconds)
                        {
                            _phaseSeconds[phase] = _phaseSeconds.GetValueOrDefault(phase) + value;
                        }
                    }
                }
            }
        });
        _listener.Start();
    }

    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>Input records whose flush committed.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Output records acknowledged (changelog, receipts, analytics, dead letters; markers not included).</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Seconds spent in flush phases, all flushes together.</summary>
    public double FlushSeconds
    {
        get
        {
            lock (_phaseSeconds)
            {
                return _phaseSeconds.Values.Sum();
            }
        }
    }

    public long RestoredRecords => Interlocked.Read(ref _restoredRecords);

    /// <summary>Stopwatch timestamp of the first consumed record; 0 before.</summary>
    public long FirstConsumedAt => Interlocked.Read(ref _firstConsumedAt);

    /// <summary>Stopwatch timestamp of the latest committed flush; 0 before.</summary>
    public long LastFlushAt => Interlocked.Read(ref _lastFlushAt);

    /// <summary>Mean time per flush of each flush phase (prepare, outputs, markers, commit), e.g. "prepare 12 ms, outputs 40 ms, ...".</summary>
    public string DescribeFlushPhases()
    {
        var flushes = Math.Max(1, Flushes);
        lock (_phaseSeconds)
        {
            return string.Join(", ", _phaseSeconds.Select(p => $"{p.Key} {p.Value * 1000 / flushes:0.0} ms"));
        }
    }

    /// <summary>Waits until <paramref name="records"/> are committed; throws with what is known after <paramref name="timeout"/>.</summary>
    public async Task WaitForCommittedAsync(long records, TimeSpan timeout, Func<Exception?> failure, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (Committed < records)
        {
            if (failure() is { } e)
            {
                throw new InvalidOperationException($"the component under test stopped: {e.Message}", e);
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"only {Committed:N0} of {records:N0} records were committed after {timeout.TotalSeconds:0} s (consumed {Consumed:N0})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
    }

    public void Dispose() => _listener.Dispose();
}
