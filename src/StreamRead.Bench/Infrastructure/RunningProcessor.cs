using StreamRead.Runtime;
using StreamRead.Runtime.Kafka;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Bench.Infrastructure;

/// <summary>The processor loop of a scenario on its own thread, with a fresh application id and a probe on its metrics.</summary>
internal sealed class RunningProcessor : IAsyncDisposable
{
    private readonly BackgroundLoop _loop;
    private readonly StreamReadMetrics _metrics = new();

    private RunningProcessor(BenchServices services, TopicSet topics, ProcessorOptions options, TextWriter log)
    {
        Options = options;
        Probe = new ProcessorProbe(_metrics);
        var loop = new ProcessorLoop(options, services.Configs, _metrics, Status, new BenchLogger(log, "processor"));
        _loop = new BackgroundLoop("bench processor", loop.Run);
    }

    public ProcessorOptions Options { get; }

    public ProcessorStatus Status { get; } = new();

    public ProcessorProbe Probe { get; }

    public Exception? Failure => _loop.Failure;

    /// <param name="tune">Changes to the default <see cref="ProcessorOptions"/> (batch sizes, delays).</param>
    public static RunningProcessor Start(BenchServices services, TopicSet topics, TextWriter log, Action<ProcessorOptions>? tune = null)
    {
        var options = new ProcessorOptions
        {
            ApplicationId = topics.Prefix + "processor",
            TopicPrefix = topics.Prefix,
            InstanceId = "bench",
        };
        tune?.Invoke(options);
        return new RunningProcessor(services, topics, options, log);
    }

    public Task WaitForCommittedAsync(long records, TimeSpan timeout, CancellationToken cancellationToken) =>
        Probe.WaitForCommittedAsync(records, timeout, () => Failure, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _loop.DisposeAsync();
        Probe.Dispose();
        _metrics.Dispose();
    }
}
