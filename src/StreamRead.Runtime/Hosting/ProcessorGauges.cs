using System.Diagnostics.Metrics;
using StreamRead.Runtime.Kafka;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Runtime.Hosting;

/// <summary>The processor's observable gauges: consumer lag and state size (SPEC 3 metrics).</summary>
public static class ProcessorGauges
{
    /// <summary>Creates the gauges on the metrics' meter, read from what the loop publishes in <paramref name="status"/>.</summary>
    public static void Register(StreamReadMetrics metrics, ProcessorStatus status)
    {
        metrics.Meter.CreateObservableGauge("streamread.consumer.lag", () => status.Lag.Select(p =>
            new Measurement<long>(p.Value,
                new KeyValuePair<string, object?>("topic", p.Key.Topic),
                new KeyValuePair<string, object?>("partition", p.Key.Partition.Value))),
            "{record}", "Input records on the broker not yet applied by the processor.");
        metrics.Meter.CreateObservableGauge("streamread.state.conversations", () => status.Conversations, "{conversation}", "Conversations held by this processor instance.");
        metrics.Meter.CreateObservableGauge("streamread.state.watermarks", () => status.Members, "{watermark}", "Member watermarks held by this processor instance.");
    }
}
