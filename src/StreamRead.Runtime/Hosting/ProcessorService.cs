using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamRead.Kafka.Configuration;
using StreamRead.Runtime.Kafka;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Runtime.Hosting;

/// <summary>
/// Hosts the processor loop on a dedicated thread (the consumer blocks). The service's task is
/// the loop itself: when the loop fails, the host sees the exception and stops, instead of a
/// processor that silently stopped processing.
/// </summary>
public sealed class ProcessorService(
    IOptions<ProcessorOptions> options,
    KafkaClientConfigFactory configs,
    StreamReadMetrics metrics,
    ProcessorStatus status,
    IHostApplicationLifetime lifetime,
    ILogger<ProcessorService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Lag and state size are observed from the status the loop publishes (SPEC 3 metrics).
        ProcessorGauges.Register(metrics, status);
        return Task.Factory.StartNew(
            () =>
            {
                try
                {
                    new ProcessorLoop(options.Value, configs, metrics, status, logger).Run(stoppingToken);
                }
                catch (ProcessorConfigurationException e)
                {
                    // A setup problem the user fixes: one clear line, no stack trace, exit code 2.
                    logger.LogCritical("the processor cannot start: {Message}", e.Message);
                    Environment.ExitCode = 2;
                    lifetime.StopApplication();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogCritical(e, "the processor stopped: {Message}", e.Message);
                    throw;
                }
            },
            stoppingToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }
}
