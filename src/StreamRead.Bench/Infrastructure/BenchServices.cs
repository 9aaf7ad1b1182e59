using System.Globalization;
using StackExchange.Redis;
using StreamRead.Contracts.Topics;
using StreamRead.Kafka.Configuration;
using StreamRead.Kafka.Topics;
using StreamRead.LocalServices;
using StreamRead.Runtime;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// What every scenario runs on: a Kafka (<see cref="IBenchBroker"/>: an in-process dev broker on a
/// free port, or a given cluster) and a local <c>redis-server</c> the bench starts on a free port in
/// a temporary folder. Disposing stops what the bench started, deletes the topics it created on a
/// given cluster and deletes the folder, so a run leaves nothing behind.
/// </summary>
internal sealed class BenchServices : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private int _topicSets;

    private BenchServices(IBenchBroker broker, LocalRedisServer redis, DirectoryInfo folder, ConnectionMultiplexer connection)
    {
        Broker = broker;
        Redis = redis;
        _folder = folder;
        RedisConnection = connection;
        Configs = new KafkaClientConfigFactory(new KafkaOptions { BootstrapServers = broker.BootstrapServers, ClientId = "streamread-bench" });
    }

    public IBenchBroker Broker { get; }

    public LocalRedisServer Redis { get; }

    /// <summary>Admin connection (INFO, CONFIG, FLUSHDB); <c>allowAdmin</c> is on.</summary>
    public ConnectionMultiplexer RedisConnection { get; }

    public KafkaClientConfigFactory Configs { get; }

    /// <param name="bootstrapServers">A running cluster to use; null starts the dev broker.</param>
    /// <param name="log">Where the cluster's clean-up problems are reported.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <exception cref="BenchBrokerException">The given cluster does not answer.</exception>
    public static async Task<BenchServices> StartAsync(string? bootstrapServers, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("streamread-bench-");
        IBenchBroker? broker = null;
        LocalRedisServer? redis = null;
        try
        {
            broker = bootstrapServers is null ? DevBenchBroker.Start() : await ClusterBenchBroker.ConnectAsync(bootstrapServers, log, cancellationToken);
            redis = new LocalRedisServer(new LocalServicesOptions { DataDirectory = folder.FullName, Redis = { Port = 0 } });
            await redis.StartAsync(cancellationToken);
            var connection = await ConnectionMultiplexer.ConnectAsync($"{redis.Endpoint},allowAdmin=true,syncTimeout=60000,abortConnect=false");
            return new BenchServices(broker, redis, folder, connection);
        }
        catch
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            if (broker is not null)
            {
                await broker.DisposeAsync();
            }

            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Creates a scenario's own topics (prefix <c>bench-{name}-{n}.</c>, with the run's id on a
    /// given cluster): the three inputs and the changelog, receipts and analytics topics with
    /// <paramref name="partitions"/> each, and the one-partition dead-letter and control topics.
    /// </summary>
    /// <exception cref="BenchBrokerException">The broker could not create them.</exception>
    public async Task<TopicSet> CreateTopicsAsync(string name, int partitions, CancellationToken cancellationToken)
    {
        var topics = new TopicSet(string.Create(CultureInfo.InvariantCulture, $"{Broker.TopicPrefix}{name}-{Interlocked.Increment(ref _topicSets)}."));
        // Every topic a deployment has, so the processor runs as deployed (its control consumer on);
        // the dead-letter and control topics keep their single partition.
        await Broker.CreateTopicsAsync(
            [.. TopicCatalog.RequiredTopics.Select(topic => (topics.Prefix + topic, topic is TopicNames.DeadLetter or TopicNames.Control ? 1 : partitions))],
            cancellationToken);
        return topics;
    }

    /// <summary>One field of Redis INFO as a number (0 when absent).</summary>
    public long RedisInfoNumber(string section, string field)
    {
        var server = RedisConnection.GetServer(Redis.Endpoint);
        var value = server.Info(section).SelectMany(g => g).FirstOrDefault(p => p.Key == field).Value;
        return value is null ? 0 : (long)double.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>CPU time the Redis server has used since it started (INFO cpu: user + system), in seconds.</summary>
    public double RedisCpuSeconds()
    {
        var cpu = RedisConnection.GetServer(Redis.Endpoint).Info("cpu").SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return double.Parse(cpu["used_cpu_user"], CultureInfo.InvariantCulture) + double.Parse(cpu["used_cpu_sys"], CultureInfo.InvariantCulture);
    }

    /// <summary>Calls per command since the last <c>CONFIG RESETSTAT</c> (INFO commandstats).</summary>
    public Dictionary<string, long> RedisCommandCalls()
    {
        var server = RedisConnection.GetServer(Redis.Endpoint);
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in server.Info("commandstats").SelectMany(g => g))
        {
            // cmdstat_hset: calls=12,usec=34,...
            var callsText = value.Split(',').FirstOrDefault(p => p.StartsWith("calls=", StringComparison.Ordinal));
            if (key.StartsWith("cmdstat_", StringComparison.Ordinal) && callsText is not null)
            {
                calls[key["cmdstat_".Length..]] = long.Parse(callsText["calls=".Length..], CultureInfo.InvariantCulture);
            }
        }

        return calls;
    }

    public void RedisResetStats() => RedisConnection.GetServer(Redis.Endpoint).ConfigResetStatistics();

    public void RedisFlush() => RedisConnection.GetServer(Redis.Endpoint).FlushAllDatabases();

    public async ValueTask DisposeAsync()
    {
        // Every scenario has awaited its commands. A plain Dispose lets commands "complete": with
        // StackExchange.Redis 1.2 it waited out the whole 60 s sync timeout after the scenarios
        // that send this connection nothing (memory, restore).
        RedisConnection.Close(allowCommandsToComplete: false);
        RedisConnection.Dispose();
        await Redis.DisposeAsync();
        await Broker.DisposeAsync();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A log file still being closed: the OS cleans the temp folder.
        }
    }
}
