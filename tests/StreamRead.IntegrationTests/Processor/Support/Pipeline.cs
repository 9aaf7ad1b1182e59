using System.Globalization;
using StackExchange.Redis;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Receipts;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.Kafka.Configuration;
using StreamRead.Kafka.Producing;
using StreamRead.Redis;
using StreamRead.Redis.Serving;
using StreamRead.Redis.Sink;
using StreamRead.Runtime;
using StreamRead.Runtime.Control;
using StreamRead.Runtime.Kafka;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.Sinks;

using Xunit;

namespace StreamRead.IntegrationTests.Processor.Support;

/// <summary>
/// One test's pipeline on the shared broker and Redis: its own prefixed topics, consumer groups
/// and Redis key prefix, a gateway producer, processors (in-process or as separate processes) and
/// a Redis sink, and the reader the API uses.
/// </summary>
internal sealed class Pipeline : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _running = [];

    private Pipeline(KafkaClusterFixture kafka, string redisEndpoint, string name, int partitions)
    {
        Kafka = kafka;
        Partitions = partitions;
        var prefix = kafka.UniqueName(name) + ".";
        Topics = new TopicSet(prefix);
        ApplicationId = prefix + "processor";
        RedisEndpoint = redisEndpoint;
        RedisOptions = new RedisOptions
        {
            Configuration = redisEndpoint,
            KeyPrefix = "t" + Guid.NewGuid().ToString("N")[..12],
            MaxScanPerPage = 2_000,
        };
        // Its own connection: a test writing a 100,000-member group must not time out another's reads.
        Redis = ConnectionMultiplexer.Connect($"{redisEndpoint},syncTimeout=15000,abortConnect=false");
        // Short sessions: a processor killed with SIGKILL gives its partitions back in seconds.
        Configs = new KafkaClientConfigFactory(new KafkaOptions
        {
            BootstrapServers = kafka.BootstrapServers,
            Settings = { ["session.timeout.ms"] = "6000", ["heartbeat.interval.ms"] = "1000" },
        });
        Producer = new ChatEventProducer(Configs, new ChatEventTopics(Topics.Messages, Topics.Reads, Topics.Members));
        Reader = new RedisReadStateReader(Redis, RedisOptions);
    }

    public KafkaClusterFixture Kafka { get; }

    public int Partitions { get; }

    public TopicSet Topics { get; }

    public string ApplicationId { get; }

    public string RedisEndpoint { get; }

    public RedisOptions RedisOptions { get; }

    public ConnectionMultiplexer Redis { get; }

    public KafkaClientConfigFactory Configs { get; }

    public ChatEventProducer Producer { get; }

    public RedisReadStateReader Reader { get; }

    public RedisKeys Keys => new(RedisOptions.KeyPrefix);

    /// <summary>What the in-process processors and sink log; quoted when a wait fails.</summary>
    public FileLogger Log { get; } = new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"streamread-it-{Guid.NewGuid():N}.log"));

    public static Task<Pipeline> CreateAsync(KafkaClusterFixture kafka, RedisServerFixture redis, string name, int partitions = 4) =>
        CreateAsync(kafka, redis.Endpoint, name, partitions);

    /// <summary>A pipeline on the Redis at <paramref name="redisEndpoint"/> (a server of the test's own, which it may stop).</summary>
    public static async Task<Pipeline> CreateAsync(KafkaClusterFixture kafka, string redisEndpoint, string name, int partitions = 4)
    {
        var pipeline = new Pipeline(kafka, redisEndpoint, name, partitions);
        var t = pipeline.Topics;
        foreach (var topic in new[] { t.Messages, t.Reads, t.Members, t.Changelog, t.Receipts, t.Analytics })
        {
            await kafka.CreateTopicAsync(topic, partitions, cancellationToken: TestContext.Current.CancellationToken);
        }

        await kafka.CreateTopicAsync(t.DeadLetter, 1, cancellationToken: TestContext.Current.CancellationToken);
        await kafka.CreateTopicAsync(t.Control, 1, cancellationToken: TestContext.Current.CancellationToken);
        return pipeline;
    }

    public ProcessorOptions ProcessorOptions(string instance) => new()
    {
        ApplicationId = ApplicationId,
        TopicPrefix = Topics.Prefix,
        InstanceId = instance,
        MaxBatchDelay = TimeSpan.FromMilliseconds(50),
        MaxTaskIdle = TimeSpan.FromSeconds(1),
    };

    /// <summary>Runs a processor on a thread of this process; disposing stops it gracefully.</summary>
    public BackgroundRunner StartProcessor(string instance = "p1", StreamReadMetrics? metrics = null, ProcessorStatus? status = null, bool transactions = false)
    {
        var options = ProcessorOptions(instance);
        options.Transactions = transactions;
        var loop = new ProcessorLoop(options, Configs, metrics ?? new StreamReadMetrics(), status ?? new ProcessorStatus(), Log);
        return Track(new BackgroundRunner($"processor {instance}", loop.Run));
    }

    /// <summary>
    /// Runs the receipts -> Redis sink on a thread of this process, as RedisSinkService does: with the
    /// guard that asks for a rebuild when the store lost its data (checked per batch and every 500 ms).
    /// </summary>
    public BackgroundRunner StartRedisSink()
    {
        var options = new SinkOptions
        {
            GroupId = Topics.Prefix + "sink-redis",
            MaxBatchDelay = TimeSpan.FromMilliseconds(5),
            RetryBackoff = TimeSpan.FromMilliseconds(100),
            MaxRetryBackoff = TimeSpan.FromSeconds(1),
        };
        var metrics = new StreamReadMetrics();
        var requester = new ServingRebuildRequester(Configs, Topics, "redis", RedisOptions.KeyPrefix, metrics);
        var guard = new ServingStoreGuard(Redis, Keys, requester.RequestAsync, Log);
        var loop = new SinkConsumerLoop<ReceiptUpdate>(
            "redis-sink", Configs.CreateConsumerConfig(options.GroupId), Topics.Receipts,
            record => ContractsSerializer.DeserializeReceiptUpdate(record.Message.Value),
            new RedisReceiptWriter(Redis, RedisOptions, guard), options, metrics, Log);
        return Track(new BackgroundRunner("redis sink", stopping =>
        {
            using (requester)
            {
                var watch = guard.WatchAsync(TimeSpan.FromMilliseconds(500), stopping);
                loop.Run(stopping);
                watch.GetAwaiter().GetResult();
            }
        }));
    }

    /// <summary>Runs <c>streamread process</c> as a separate process (killable with SIGKILL).</summary>
    public CliProcess StartProcessorProcess(string instance) => Track(CliProcess.Start(
        ["process", "--bootstrap-servers", Kafka.BootstrapServers, "--topic-prefix", Topics.Prefix, "--instance-id", instance],
        new Dictionary<string, string>
        {
            ["STREAMREAD_Processor__ApplicationId"] = ApplicationId,
            ["STREAMREAD_Processor__MaxBatchDelay"] = "00:00:00.050",
            ["STREAMREAD_Processor__MaxTaskIdle"] = "00:00:01",
            ["STREAMREAD_Kafka__Settings__session.timeout.ms"] = "6000",
            ["STREAMREAD_Kafka__Settings__heartbeat.interval.ms"] = "1000",
        },
        $"processor-{instance}"));

    public void Produce(IEnumerable<ChatEvent> events)
    {
        foreach (var e in events)
        {
            switch (e.Event)
            {
                case MessageSent m:
                    Producer.Produce(m, Check);
                    break;
                case ReadReported r:
                    Producer.Produce(r, Check);
                    break;
                case MembershipChanged c:
                    Producer.Produce(c, Check);
                    break;
            }
        }

        Assert.Equal(0, Producer.Flush(TimeSpan.FromSeconds(60)));

        static void Check(Confluent.Kafka.DeliveryReport<string, byte[]> report) =>
            Assert.False(report.Error.IsError, report.Error.Reason);
    }

    /// <summary>
    /// Produces in chunks and waits after each until Redis holds every conversation at the version
    /// the records so far give (each applied record is one version). Paces large histories under
    /// the dev broker's 5 MiB per partition, beyond which it silently drops the oldest records.
    /// </summary>
    public async Task ProduceInStepsAsync(IReadOnlyList<ChatEvent> events, int chunk, TimeSpan timeoutPerChunk)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var from = 0; from < events.Count; from += chunk)
        {
            var slice = events.Skip(from).Take(chunk).ToList();
            Produce(slice);
            foreach (var e in slice)
            {
                versions[e.Event.ConversationId] = versions.GetValueOrDefault(e.Event.ConversationId) + 1;
            }

            await WaitForVersionsAsync(versions, timeoutPerChunk);
        }
    }

    /// <summary>Waits until Redis holds every conversation at its expected version (or fails after the timeout).</summary>
    public async Task WaitForVersionsAsync(IReadOnlyDictionary<string, long> expected, TimeSpan timeout)
    {
        var database = Redis.GetDatabase();
        var deadline = DateTime.UtcNow + timeout;
        var behind = expected.Keys.ToList();
        while (true)
        {
            try
            {
                var versions = await Task.WhenAll(behind.Select(c => database.HashGetAsync(Keys.Meta(c), "version")));
                behind = behind.Where((c, i) => versions[i].IsNull || long.Parse((string)versions[i]!, CultureInfo.InvariantCulture) < expected[c]).ToList();
                if (behind.Count == 0)
                {
                    return;
                }
            }
            catch (RedisConnectionException)
            {
                // A Redis the test restarted: the connection comes back by itself.
            }

            if (DateTime.UtcNow > deadline)
            {
                var sample = string.Join(", ", behind.Take(5).Select(c => $"{c} (want v{expected[c]})"));
                Assert.Fail($"after {timeout.TotalSeconds:0} s, {behind.Count} conversation(s) are not at their expected version in Redis: {sample}\n" +
                    $"in-process log ({Log.Path}):\n{Log.Tail()}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            await _running[i].DisposeAsync();
        }

        Producer.Dispose();
        Redis.Dispose();
    }

    private T Track<T>(T runner)
        where T : IAsyncDisposable
    {
        _running.Add(runner);
        return runner;
    }
}
