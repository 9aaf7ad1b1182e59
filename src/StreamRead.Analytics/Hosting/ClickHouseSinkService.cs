using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamRead.Analytics.Schema;
using StreamRead.Analytics.Sink;
using StreamRead.ClickHouse;
using StreamRead.ClickHouse.Migrations;
using StreamRead.Contracts.Analytics;
using StreamRead.Contracts.Json;
using StreamRead.Kafka.Configuration;
using StreamRead.Runtime;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.Sinks;

namespace StreamRead.Analytics.Hosting;

/// <summary>
/// Hosts the <c>streamread.analytics</c> -> ClickHouse sink: applies the schema migrations (waiting
/// with back-off while ClickHouse is unreachable), then runs the consumer loop on a dedicated
/// thread. A migration that ClickHouse rejects, or a loop failure, stops the host.
/// </summary>
internal sealed class ClickHouseSinkService(
    IOptions<ClickHouseSinkOptions> options,
    KafkaClientConfigFactory configs,
    ClickHouseClient client,
    ClickHouseMigrator migrator,
    ClickHouseAnalyticsWriter writer,
    StreamReadMetrics metrics,
    ILogger<ClickHouseSinkService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        await MigrateAsync(o, stoppingToken);
        var topic = new TopicSet(o.TopicPrefix).Analytics;
        Log.SinkStarting(logger, topic, client.Database, client.Url);
        var loop = new SinkConsumerLoop<AnalyticsUpdate>(
            "clickhouse-sink",
            configs.CreateConsumerConfig(o.GroupId),
            topic,
            record => ContractsSerializer.DeserializeAnalyticsUpdate(record.Message.Value),
            writer,
            new SinkOptions
            {
                GroupId = o.GroupId,
                MaxBatchRecords = o.MaxBatchRecords,
                MaxBatchDelay = o.MaxBatchDelay,
                RetryBackoff = o.RetryBackoff,
                MaxRetryBackoff = o.MaxRetryBackoff,
            },
            metrics,
            logger);
        await Task.Factory.StartNew(() => loop.Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    // Only "no server answered" is retried: an error ClickHouse returns for a migration will not
    // go away by waiting, so it stops the host with ClickHouse's message.
    private async Task MigrateAsync(ClickHouseSinkOptions o, CancellationToken stoppingToken)
    {
        var backoff = o.RetryBackoff;
        while (true)
        {
            try
            {
                await migrator.ApplyAsync(AnalyticsSchema.Migrations, stoppingToken);
                return;
            }
            catch (ClickHouseException e) when (e.Code is null && !stoppingToken.IsCancellationRequested)
            {
                Log.MigrationRetry(logger, client.Url, e.Message, backoff);
            }

            await Task.Delay(backoff, stoppingToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, o.MaxRetryBackoff.Ticks));
        }
    }
}
