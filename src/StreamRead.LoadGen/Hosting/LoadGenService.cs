using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamRead.Kafka.Producing;

namespace StreamRead.LoadGen.Hosting;

/// <summary>
/// Runs the <see cref="LoadGenerator"/> and reports its progress. With a
/// <see cref="LoadGenOptions.Duration"/>, the application stops when the workload is done.
/// </summary>
internal sealed class LoadGenService(
    IChatEventProducer producer,
    IOptions<LoadGenOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<LoadGenService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var generator = new LoadGenerator(producer, o, time);
        Log.Starting(logger, generator.ConversationCount, o.LargestGroup, generator.MembershipCount, o.MessagesPerSecond);
        using var progress = new CancellationTokenSource();
        var reporting = ReportAsync(generator, o.ProgressInterval, progress.Token);
        try
        {
            await generator.RunAsync(stoppingToken);
        }
        finally
        {
            await progress.CancelAsync();
            await reporting;
            Log.Progress(logger, generator.Stats.ToString());
        }

        if (generator.Stats.Failed > 0)
        {
            Log.DeliveryFailed(logger, generator.Stats.Failed, generator.LastError ?? "unknown");
        }

        if (o.Duration is not null && !stoppingToken.IsCancellationRequested)
        {
            lifetime.StopApplication();
        }
    }

    private async Task ReportAsync(LoadGenerator generator, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Log.Progress(logger, generator.Stats.ToString());
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }
}
