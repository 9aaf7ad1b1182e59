using StackExchange.Redis;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Receipts;
using StreamRead.Redis;
using StreamRead.Redis.Hosting;
using StreamRead.Redis.Sink;
using StreamRead.Runtime;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.Sinks;

namespace StreamRead.Bench.Infrastructure;

/// <summary>The receipts -> Redis sink of a scenario on its own thread, with the sink's default batching.</summary>
internal sealed class RunningRedisSink : IAsyncDisposable
{
    private readonly BackgroundLoop _loop;
    private readonly StreamReadMetrics _metrics = new();
    private readonly ConnectionMultiplexer _connection;

    private RunningRedisSink(BenchServices services, TopicSet topics, RedisOptions redis, TextWriter log, Action<SinkOptions>? tune)
    {
        Probe = new ProcessorProbe(_metrics);
        var defaults = new RedisSinkOptions();
        var options = new SinkOptions
        {
            GroupId = topics.Prefix + "sink-redis",
            MaxBatchRecords = defaults.MaxBatchRecords,
            MaxBatchDelay = defaults.MaxBatchDelay,
            FetchWait = defaults.FetchWait,
        };
        tune?.Invoke(options);
        _connection = ConnectionMultiplexer.Connect($"{services.Redis.Endpoint},syncTimeout=60000,abortConnect=false");
        Writer = new CountingReceiptWriter(new RedisReceiptWriter(_connection, redis));
        var loop = new SinkConsumerLoop<ReceiptUpdate>(
            "redis-sink", services.Configs.CreateConsumerConfig(options.GroupId), topics.Receipts,
            record => ContractsSerializer.DeserializeReceiptUpdate(record.Message.Value),
            Writer, options, _metrics, new BenchLogger(log, "redis sink"));
        _loop = new BackgroundLoop("bench redis sink", loop.Run);
    }

    /// <summary>Counts receipts consumed (flush.records of the sink) and their write time.</summary>
    public ProcessorProbe Probe { get; }

    public CountingReceiptWriter Writer { get; }

    public Exception? Failure => _loop.Failure;

    public static RunningRedisSink Start(BenchServices services, TopicSet topics, RedisOptions redis, TextWriter log, Action<SinkOptions>? tune = null) =>
        new(services, topics, redis, log, tune);

    public Task WaitForCommittedAsync(long records, TimeSpan timeout, CancellationToken cancellationToken) =>
        Probe.WaitForCommittedAsync(records, timeout, () => Failure, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _loop.DisposeAsync();
        Probe.Dispose();
        _metrics.Dispose();
        _connection.Dispose();
    }
}
