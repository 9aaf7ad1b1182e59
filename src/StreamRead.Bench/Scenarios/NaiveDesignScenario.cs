using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using StreamRead.Bench.Infrastructure;
using StreamRead.Bench.Reporting;
using StreamRead.Bench.Workload;
using StreamRead.Redis;

namespace StreamRead.Bench.Scenarios;

/// <summary>
/// Issue 6 figure 5: the design StreamRead replaces, one row per (member, message), written on
/// every send for every member and updated on every read for every message it covers, against
/// StreamRead's serving writes, on the same workload of 500-member groups in the same Redis.
/// Writes are Redis's own count of dataset changes; memory is used_memory growth from empty.
/// </summary>
internal sealed class NaiveDesignScenario : IBenchScenario
{
    private const int Partitions = 16;
    private const int Members = 500;

    public string Name => "naive";

    public string Title => "writes and Redis memory against one row per member per message";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var groups = context.Size(20, 4);
        var messages = context.Size(100, 20);
        var readsPerMessage = context.Size(10, 10);
        var messagesPerSecond = context.Size(400, 200);
        var topics = await context.Services.CreateTopicsAsync(Name, Partitions, cancellationToken);
        var workload = new NaiveWorkload(new ChatRecords(topics), KafkaPartitioner.SpreadIds("big-", groups, Partitions), Members, messages, readsPerMessage);
        context.Progress($"{groups} groups of {Members}, {messages} messages each, {readsPerMessage} read reports per message (each member reads every ~{Members / readsPerMessage} messages)");

        // The naive design, fed the same events directly.
        context.Services.RedisFlush();
        var naive = RedisActivity.Start(context.Services);
        var naiveDb = context.Services.RedisConnection.GetDatabase();
        var naiveWriter = new NaiveRowWriter(naiveDb, "naive");
        await naiveWriter.WriteAsync(workload.Setup);
        var naiveSetupChanges = naive.Changes;
        var naiveClock = Stopwatch.StartNew();
        await naiveWriter.WriteAsync(workload.Timed);
        var naiveElapsed = naiveClock.Elapsed;
        var naiveChanges = naive.Changes - naiveSetupChanges;
        var naiveWrites = naive.WriteCalls().Values.Sum();
        var naiveMemory = naive.MemoryGrowth;

        // StreamRead: the events through Kafka, the processor and the Redis sink, paced in real time.
        context.Services.RedisFlush();
        var streamRead = RedisActivity.Start(context.Services);
        var redisOptions = new RedisOptions { Configuration = context.Services.Redis.Endpoint, KeyPrefix = "sr" };
        long setupChanges, changes, writes, memory;
        CountingReceiptWriter counted;
        await using (var processor = RunningProcessor.Start(context.Services, topics, context.Log))
        await using (var sink = RunningRedisSink.Start(context.Services, topics, redisOptions, context.Log))
        using (var producer = new RecordProducer(context.Services.Configs))
        {
            producer.ProduceAll(workload.Setup.Select(e => e.Record));
            await WaitForVersionsAsync(context.Services.RedisConnection.GetDatabase(), new RedisKeys(redisOptions.KeyPrefix), workload.Versions(workload.Setup), cancellationToken);
            setupChanges = streamRead.Changes;
            var setupWrites = streamRead.WriteCalls().Values.Sum();
            var clock = Stopwatch.StartNew();
            var sent = 0;
            var perMessage = workload.Timed.Count / (double)(groups * messages);
            while (sent < workload.Timed.Count)
            {
                var due = (int)Math.Min(workload.Timed.Count, clock.Elapsed.TotalSeconds * messagesPerSecond * perMessage);
                for (; sent < due; sent++)
                {
                    producer.Produce(workload.Timed[sent].Record with { TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
                }

                Thread.Sleep(1);
            }

            producer.Flush();
            await WaitForVersionsAsync(context.Services.RedisConnection.GetDatabase(), new RedisKeys(redisOptions.KeyPrefix), workload.Versions(workload.Setup.Concat(workload.Timed)), cancellationToken);
            changes = streamRead.Changes - setupChanges;
            writes = streamRead.WriteCalls().Values.Sum() - setupWrites;
            memory = streamRead.MemoryGrowth;
            counted = sink.Writer;
        }

        context.Add(new BenchFigure(Name, "naive: dataset changes", naiveChanges, "writes"));
        context.Add(new BenchFigure(Name, "StreamRead: dataset changes", changes, "writes"));
        context.Add(BenchFigure.AtLeast(Name, "naive / StreamRead writes", naiveChanges / (double)Math.Max(1, changes), "x", 100));
        context.Add(new BenchFigure(Name, "naive: Redis memory", naiveMemory / 1024.0 / 1024.0, "MiB"));
        context.Add(new BenchFigure(Name, "StreamRead: Redis memory", memory / 1024.0 / 1024.0, "MiB"));
        context.Add(new BenchFigure(Name, "naive / StreamRead memory", naiveMemory / (double)Math.Max(1, memory), "x"));
        var reads = workload.Timed.Count(e => e.IsRead);
        context.Note($"workload: {groups} groups of {Members} members (joins not counted), {groups * messages:N0} messages and {reads:N0} read reports, " +
            $"paced at {messagesPerSecond} messages/s; per read report: naive {naiveChanges / (double)reads:0.0}, StreamRead {changes / (double)reads:0.0} writes " +
            $"(write commands: naive {naiveWrites:N0}, StreamRead {writes:N0} incl. those in Lua scripts; naive writer took {naiveElapsed.TotalSeconds:0.0} s)");
        context.Note($"StreamRead's sink wrote {counted.Updates:N0} receipt updates carrying {counted.Counts:N0} hot-message counts, {counted.Members:N0} member entries, " +
            $"{counted.Watermarks:N0} watermarks and {counted.Badges:N0} badges (setup included); memory is used_memory growth from an empty Redis, memberships included " +
            $"(naive: {naiveSetupChanges:N0} membership writes)");
    }

    /// <summary>Waits until every conversation's meta version in Redis reaches the count of its records (each applied record is one version).</summary>
    private static async Task WaitForVersionsAsync(IDatabase database, RedisKeys keys, IReadOnlyDictionary<string, long> expected, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var behind = expected.Keys.ToList();
        while (behind.Count > 0)
        {
            var versions = await Task.WhenAll(behind.Select(c => database.HashGetAsync(keys.Meta(c), "version")));
            behind = behind.Where((c, i) => !versions[i].HasValue || long.Parse((string)versions[i]!, CultureInfo.InvariantCulture) < expected[c]).ToList();
            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"{behind.Count} conversation(s) did not reach their version in Redis within 3 minutes");
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}
