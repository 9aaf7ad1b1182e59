using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StreamRead.Api.Push;
using StreamRead.Runtime.Kafka;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Api.Pipeline;

/// <summary>
/// Turns this process's StreamRead counters into per-second rates for the live page: it listens
/// to the instruments of the process's own <see cref="StreamReadMetrics"/> meter (not another
/// host's in the same process) and samples them every second. Processor figures exist only when
/// the processor runs in this process (<c>streamread up</c>).
/// </summary>
internal sealed class PipelineMonitor : BackgroundService
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);
    private const int Window = 5;

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _consumed = new(StringComparer.Ordinal);
    private readonly Queue<Sample> _samples = new();
    private readonly Lock _lock = new();
    private readonly PushHub _hub;
    private readonly PageOptions _page;
    private readonly TimeProvider _time;
    private readonly ProcessorStatus? _processor;
    private long _deadLetters;
    private long _pushUpdates;

    /// <param name="processor">The in-process processor's status; null when the processor runs elsewhere.</param>
    public PipelineMonitor(StreamReadMetrics metrics, PushHub hub, IOptions<PageOptions> page, TimeProvider time, ProcessorStatus? processor = null)
    {
        _hub = hub;
        _page = page.Value;
        _time = time;
        _processor = processor;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name is "streamread.records.consumed" or "streamread.deadletters" or "streamread.push.updates")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    public PipelineView Current()
    {
        lock (_lock)
        {
            var first = _samples.Count > 0 ? _samples.Peek() : null;
            var last = _samples.Count > 0 ? _samples.Last() : null;
            var seconds = first is null || last is null ? 0 : (last.At - first.At).TotalSeconds;
            double Rate(long a, long b) => seconds > 0 ? Math.Round((b - a) / seconds, 1) : 0;
            var consumed = last?.Consumed.ToDictionary(t => t.Key, t => Rate(first!.Consumed.GetValueOrDefault(t.Key), t.Value), StringComparer.Ordinal)
                ?? new Dictionary<string, double>(StringComparer.Ordinal);
            return new PipelineView(
                _time.GetUtcNow(),
                consumed,
                last is null ? 0 : Rate(first!.PushUpdates, last.PushUpdates),
                _processor is not null && last is not null ? Rate(first!.DeadLetters, last.DeadLetters) : null,
                _processor?.TotalLag,
                _hub.LastDelay?.TotalMilliseconds is { } ms ? Math.Round(ms, 1) : null,
                _hub.Streams,
                _hub.RecentConversations.Snapshot(),
                _hub.RecentUsers.Snapshot(),
                _page);
        }
    }

    public override void Dispose()
    {
        _listener.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SampleInterval, _time);
        do
        {
            TakeSample();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void TakeSample()
    {
        lock (_lock)
        {
            _samples.Enqueue(new Sample(_time.GetUtcNow(), new Dictionary<string, long>(_consumed, StringComparer.Ordinal),
                Interlocked.Read(ref _deadLetters), Interlocked.Read(ref _pushUpdates)));
            while (_samples.Count > Window + 1)
            {
                _samples.Dequeue();
            }
        }
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case "streamread.records.consumed":
                var topic = "unknown";
                foreach (var tag in tags)
                {
                    if (tag.Key == "topic" && tag.Value is string t)
                    {
                        topic = t;
                    }
                }

                _consumed.AddOrUpdate(topic, value, (_, total) => total + value);
                break;
            case "streamread.deadletters":
                Interlocked.Add(ref _deadLetters, value);
                break;
            case "streamread.push.updates":
                Interlocked.Add(ref _pushUpdates, value);
                break;
        }
    }

    private sealed record Sample(DateTimeOffset At, Dictionary<string, long> Consumed, long DeadLetters, long PushUpdates);
}
