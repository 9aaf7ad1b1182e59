using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Receipts;
using StreamRead.Kafka.Configuration;
using StreamRead.Redis.Sink;
using StreamRead.Runtime;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.Sinks;

namespace StreamRead.Redis.Hosting;

/// <summary>
/// Hosts the receipts -> Redis sink loop on a dedicated thread (a failure stops the host), and the
/// <see cref="ServingStoreGuard"/>'s idle check.
/// </summary>
public sealed class RedisSinkService(
    IOptions<RedisSinkOptions> options,
    KafkaClientConfigFactory configs,
    RedisReceiptWriter writer,
    ServingStoreGuard guard,
    StreamReadMetrics metrics,
    ILogger<RedisSinkService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var loop = new SinkConsumerLoop<ReceiptUpdate>(
            "redis-sink",
            configs.CreateConsumerConfig(o.GroupId),
            new TopicSet(o.TopicPrefix).Receipts,
            record => ContractsSerializer.DeserializeReceiptUpdate(record.Message.Value),
            writer,
            new SinkOptions { GroupId = o.GroupId, MaxBatchRecords = o.MaxBatchRecords, MaxBatchDelay = o.MaxBatchDelay, FetchWait = o.FetchWait },
            metrics,
            logger);
        var watch = guard.WatchAsync(o.RebuildCheckInterval, stoppingToken);
        var sink = Task.Factory.StartNew(() => loop.Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.WhenAll(sink, watch);
    }
}
