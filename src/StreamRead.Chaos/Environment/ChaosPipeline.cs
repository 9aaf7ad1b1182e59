using System.Globalization;
using System.Net;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using StreamRead.Analytics.Hosting;
using StreamRead.Api.Hosting;
using StreamRead.ClickHouse;
using StreamRead.Kafka.Configuration;
using StreamRead.Redis;
using StreamRead.Redis.Hosting;
using StreamRead.Redis.Serving;
using StreamRead.Redis.Sink;
using StreamRead.Runtime;

namespace StreamRead.Chaos;

/// <summary>
/// One scenario's pipeline on the <see cref="ChaosEnvironment"/>: its own topics, consumer groups,
/// Redis key prefix and ClickHouse database; the sinks and the API in one in-process host, as
/// <c>streamread up</c> runs them; processors as child processes; a producer of raw input records.
/// </summary>
internal sealed class ChaosPipeline : IAsyncDisposable
{
    /// <summary>The API key of the scenario's API (authentication is on, as deployed).</summary>
    public const string ApiKey = "chaos-api-key-0123456789abcdef";

    private readonly List<ProcessorProcess> _processors = [];
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly HttpClient _clickHouseHttp = new();
    private int _instances;

    private ChaosPipeline(ChaosEnvironment environment, string name, int partitions, WebApplication services, Uri apiAddress, FileLog log)
    {
        Environment = environment;
        Name = name;
        Partitions = partitions;
        Services = services;
        Log = log;
        var prefix = Services.Configuration["Processor:TopicPrefix"]!;
        Topics = new TopicSet(prefix);
        ApplicationId = prefix + "processor";
        Keys = new RedisKeys(Services.Configuration["Redis:KeyPrefix"]!);
        Configs = new KafkaClientConfigFactory(new KafkaOptions { BootstrapServers = environment.BootstrapServers, ClientId = "streamread-chaos" });
        var producerConfig = Configs.CreateProducerConfig();
        producerConfig.MessageMaxBytes = 2 * 1024 * 1024; // the fuzzer's 1 MiB values
        producerConfig.LingerMs = 5;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(producerConfig).Build();
        Redis = ConnectionMultiplexer.Connect($"{environment.Redis.Endpoint},syncTimeout=30000,abortConnect=false");
        Reader = new RedisReadStateReader(Redis, new RedisOptions { Configuration = environment.Redis.Endpoint, KeyPrefix = Keys.Prefix });
        ClickHouse = new ClickHouseClient(_clickHouseHttp, new ClickHouseOptions
        {
            Url = environment.ClickHouse.HttpUrl,
            Database = Services.Configuration["ClickHouse:Database"]!,
            Timeout = TimeSpan.FromSeconds(60),
        });
        Api = new HttpClient { BaseAddress = apiAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
    }

    public ChaosEnvironment Environment { get; }

    public string Name { get; }

    public int Partitions { get; }

    public TopicSet Topics { get; }

    public string ApplicationId { get; }

    public RedisKeys Keys { get; }

    public KafkaClientConfigFactory Configs { get; }

    /// <summary>The sinks and the API, in this process.</summary>
    public WebApplication Services { get; }

    /// <summary>What the in-process services logged.</summary>
    public FileLog Log { get; }

    /// <summary>A connection of the checks' own to the serving store.</summary>
    public ConnectionMultiplexer Redis { get; }

    /// <summary>The reader the API answers from.</summary>
    public RedisReadStateReader Reader { get; }

    /// <summary>The scenario's analytics database.</summary>
    public ClickHouseClient ClickHouse { get; }

    /// <summary>The scenario's API, with the key.</summary>
    public HttpClient Api { get; }

    public IReadOnlyList<ProcessorProcess> Processors => _processors;

    /// <summary>The Redis sink's guard: how many rebuilds it asked for.</summary>
    public ServingStoreGuard Guard => Services.Services.GetRequiredService<ServingStoreGuard>();

    public static async Task<ChaosPipeline> StartAsync(ChaosEnvironment environment, string name, int partitions, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var prefix = $"chaos-{id}-{name}.";
        foreach (var topic in new[] { TopicSet.Default.Messages, TopicSet.Default.Reads, TopicSet.Default.Members, TopicSet.Default.Changelog, TopicSet.Default.Receipts, TopicSet.Default.Analytics, TopicSet.Default.DeadLetter })
        {
            await environment.CreateTopicAsync(prefix + topic, partitions, cancellationToken);
        }

        await environment.CreateTopicAsync(prefix + TopicSet.Default.Control, 1, cancellationToken);

        var log = new FileLog(Path.Combine(environment.Folder.FullName, $"{name}-services.log"));
        var builder = StreamReadWebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = environment.BootstrapServers,
            ["Processor:TopicPrefix"] = prefix,
            ["Redis:Configuration"] = $"{environment.Redis.Endpoint},abortConnect=false,syncTimeout=30000",
            ["Redis:KeyPrefix"] = "c" + id,
            ["RedisSink:TopicPrefix"] = prefix,
            ["RedisSink:GroupId"] = prefix + "sink-redis",
            ["RedisSink:RebuildCheckInterval"] = "00:00:01",
            ["ClickHouse:Url"] = environment.ClickHouse.HttpUrl.ToString(),
            ["ClickHouse:Database"] = "chaos_" + id,
            ["ClickHouse:Timeout"] = "00:00:10",
            ["ClickHouseSink:TopicPrefix"] = prefix,
            ["ClickHouseSink:GroupId"] = prefix + "sink-clickhouse",
            ["ClickHouseSink:MaxBatchDelay"] = "00:00:00.200",
            ["ClickHouseSink:RetryBackoff"] = "00:00:00.200",
            ["ClickHouseSink:MaxRetryBackoff"] = "00:00:02",
            ["Api:Auth:Enabled"] = "true",
            ["Api:Auth:Keys:0"] = ApiKey,
            ["Api:Push:TopicPrefix"] = prefix,
        });
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Services.AddStreamReadRedisSink();
        builder.Services.AddStreamReadClickHouseSink();
        builder.Services.AddStreamReadApi();
        var services = builder.Build();
        services.MapStreamReadApi();
        await services.StartAsync(cancellationToken);
        var address = services.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ChaosPipeline(environment, name, partitions, services, new Uri(address), log);
    }

    /// <summary>Starts <c>streamread process</c> as a child process.</summary>
    public ProcessorProcess StartProcessor()
    {
        var instance = $"{Name}-{_instances++}";
        var processor = ProcessorProcess.Start(
            Environment.CliPath,
            ["process", "--bootstrap-servers", Environment.BootstrapServers, "--topic-prefix", Topics.Prefix, "--instance-id", instance],
            new Dictionary<string, string>
            {
                ["STREAMREAD_Processor__ApplicationId"] = ApplicationId,
                ["STREAMREAD_Processor__MaxBatchDelay"] = "00:00:00.100",
                ["STREAMREAD_Processor__MaxTaskIdle"] = "00:00:01",
                ["STREAMREAD_Kafka__Settings__session.timeout.ms"] = "6000",
                ["STREAMREAD_Kafka__Settings__heartbeat.interval.ms"] = "1000",
            },
            Path.Combine(Environment.Folder.FullName, $"processor-{instance}.log"),
            instance);
        _processors.Add(processor);
        return processor;
    }

    /// <summary>Waits until <paramref name="processor"/> owns some tasks (it joined the group and restored them).</summary>
    public static async Task WaitForAssignmentAsync(ProcessorProcess processor, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!processor.Lines().Any(l => l.Contains("assigned tasks [", StringComparison.Ordinal) && !l.Contains("assigned tasks []", StringComparison.Ordinal)))
        {
            if (processor.HasExited)
            {
                throw new InvalidOperationException($"processor {processor.Instance} exited (code {processor.ExitCode}) before it was assigned tasks:\n{processor.Tail()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"processor {processor.Instance} got no tasks within {timeout.TotalSeconds:0} s:\n{processor.Tail()}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// Produces the records (their Kafka timestamp is the event time) and waits for every
    /// acknowledgement; returns where each landed (partition, offset), by record.
    /// </summary>
    public (int Partition, long Offset)[] Produce(IReadOnlyList<InputRecord> records)
    {
        var positions = new (int, long)[records.Count];
        var errors = 0;
        string? firstError = null;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var index = i;
            var topic = Topics.Inputs[record.TopicIndex];
            var message = new Message<byte[]?, byte[]?> { Key = record.Key, Value = record.Value, Timestamp = new Timestamp(record.Timestamp) };
            while (true)
            {
                try
                {
                    _producer.Produce(topic, message, report =>
                    {
                        if (report.Error.IsError)
                        {
                            Interlocked.Increment(ref errors);
                            firstError ??= report.Error.Reason;
                        }
                        else
                        {
                            positions[index] = (report.Partition.Value, report.Offset.Value);
                        }
                    });
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    _producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }

        if (_producer.Flush(TimeSpan.FromMinutes(2)) > 0 || errors > 0)
        {
            throw new InvalidOperationException($"producing the input failed: {errors} record(s) not acknowledged ({firstError ?? "flush timed out"})");
        }

        return positions;
    }

    /// <summary>Every conversation's version in Redis (0 when absent).</summary>
    public async Task<Dictionary<string, long>> VersionsAsync(IEnumerable<string> conversations)
    {
        var database = Redis.GetDatabase();
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in conversations.Chunk(2_000))
        {
            var versions = await Task.WhenAll(chunk.Select(c => database.HashGetAsync(Keys.Meta(c), "version")));
            for (var i = 0; i < chunk.Length; i++)
            {
                result[chunk[i]] = versions[i].IsNull ? 0 : long.Parse((string)versions[i]!, CultureInfo.InvariantCulture);
            }
        }

        return result;
    }

    /// <summary>The sum of every conversation's version in Redis: grows with every record the pipeline applied.</summary>
    public async Task<long> TotalVersionAsync(IEnumerable<string> conversations)
    {
        try
        {
            return (await VersionsAsync(conversations)).Values.Sum();
        }
        catch (RedisException)
        {
            return -1; // Redis is down for the moment
        }
    }

    /// <summary>Waits until Redis holds every conversation at (at least) its expected version; false after the timeout.</summary>
    public async Task<bool> WaitForVersionsAsync(IReadOnlyDictionary<string, long> expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var behind = expected.Keys.ToList();
        while (true)
        {
            try
            {
                var versions = await VersionsAsync(behind);
                behind = behind.Where(c => versions[c] < expected[c]).ToList();
                if (behind.Count == 0)
                {
                    return true;
                }
            }
            catch (RedisException)
            {
                // down or reconnecting: keep waiting
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>
    /// Partitions whose oldest records the dev broker dropped (it keeps 5 MiB per partition): a
    /// changelog or input that lost its head makes the run invalid, not the pipeline wrong.
    /// </summary>
    public List<string> DroppedPartitions()
    {
        if (!Environment.IsDevBroker)
        {
            return [];
        }

        using var consumer = new ConsumerBuilder<byte[], byte[]>(Configs.CreateConsumerConfig(Topics.Prefix + "watermarks")).Build();
        var dropped = new List<string>();
        foreach (var topic in Topics.Inputs.Append(Topics.Changelog))
        {
            for (var p = 0; p < Partitions; p++)
            {
                var low = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).Low.Value;
                if (low > 0)
                {
                    dropped.Add($"{topic}[{p}] from offset {low}");
                }
            }
        }

        return dropped;
    }

    /// <summary>Services of the in-process host that stopped with an error (a sink must never stop).</summary>
    public List<string> FailedServices() =>
        Services.Services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Where(s => s.ExecuteTask is { IsFaulted: true })
            .Select(s => $"{s.GetType().Name}: {s.ExecuteTask!.Exception?.GetBaseException().Message}")
            .ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var processor in _processors)
        {
            await processor.DisposeAsync();
        }

        Api.Dispose();
        await Services.StopAsync(TimeSpan.FromSeconds(20));
        await Services.DisposeAsync();
        _producer.Dispose();
        Redis.Dispose();
        _clickHouseHttp.Dispose();
        Log.Dispose();
    }
}
