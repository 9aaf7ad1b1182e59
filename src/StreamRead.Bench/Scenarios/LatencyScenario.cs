using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StackExchange.Redis;
using StreamRead.Bench.Infrastructure;
using StreamRead.Bench.Reporting;
using StreamRead.Bench.Workload;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Topics;
using StreamRead.Redis;
using StreamRead.Runtime;

namespace StreamRead.Bench.Scenarios;

/// <summary>
/// Issue 6 figure 3: latency at a fixed offered load of 10,000 read reports/s (plus a message every
/// 10 reports) in 1,000 groups of 100. The whole pipeline runs: processor, Redis sink, and the API
/// whose push hub serves an SSE stream. Probes ride along, 50 per second over 8 conversations (one
/// per partition): a message and its read by the conversation's other member, produced together; a
/// probe is visible in Redis when the message's count there reads 1, and on SSE when its receipt
/// event with read = 1 arrives. Run with the default settings and with tuned batch delays, then
/// tuned at 7,500, 5,000 and 1,000 reports/s: latency against load and CPU, which separates the
/// pipeline's structure from the machine's capacity.
/// First, as the baseline, the same load and probes through a <see cref="BareRelay"/>: the
/// pipeline's two broker hops with nothing done in between.
/// </summary>
/// <remarks>
/// Latency can grow over a run: the dev broker walks a partition's list of batches on every fetch
/// (librdkafka 2.0's <c>rd_kafka_mock_msgset_find</c>), and a pipeline that falls behind builds
/// ever bigger batches. The notes give the p99 of the first and the last quarter of each run's
/// probes, for the baseline too, which tells the two apart (docs/benchmarks.md).
/// </remarks>
internal sealed class LatencyScenario : IBenchScenario
{
    /// <summary>Partitions per topic: those of the shipped topic definitions (topics/), as a deployment has them.</summary>
    private const int Partitions = 8;
    private const int ReportsPerSecond = 10_000;
    private const int ReadsPerMessage = 10;
    private const int ProbesPerSecond = 50;

    /// <summary>The loads of the tuned runs after the one at <see cref="ReportsPerSecond"/>, highest first.</summary>
    private static readonly int[] LowerLoads = [7_500, 5_000, 1_000];

    public string Name => "latency";

    public string Title => $"produce -> Redis and produce -> SSE at {ReportsPerSecond:N0} reports/s";

    /// <summary>Processor batch delay of the tuned run (the default is 100 ms).</summary>
    internal static readonly TimeSpan TunedBatchDelay = TimeSpan.FromMilliseconds(10);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var duration = context.Size(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3));
        await MeasureBareRelayAsync(context, duration, cancellationToken);
        await MeasureAsync(context, "defaults", ReportsPerSecond, duration, null, null, cancellationToken);
        await MeasureAsync(context, "tuned", ReportsPerSecond, duration, o => o.MaxBatchDelay = TunedBatchDelay, "10", cancellationToken);

        // The same tuned pipeline at lower loads: where latency turns up as the two cores fill, and
        // what the structure (batch delays, fetch waits, one flush) costs when they are not
        // saturated. No target: issue 6 sets it at 10,000/s.
        foreach (var reportsPerSecond in LowerLoads)
        {
            await MeasureAsync(context, $"tuned, {reportsPerSecond:N0}/s", reportsPerSecond, duration, o => o.MaxBatchDelay = TunedBatchDelay, "10", cancellationToken);
        }
    }

    private async Task MeasureAsync(
        BenchContext context, string label, int reportsPerSecond, TimeSpan duration, Action<ProcessorOptions>? tune, string? pushFetchWaitMs, CancellationToken cancellationToken)
    {
        var slug = new string([.. label.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        var topics = await context.Services.CreateTopicsAsync($"latency-{slug}", Partitions, cancellationToken);
        var records = new ChatRecords(topics);
        var redisOptions = new RedisOptions { Configuration = context.Services.Redis.Endpoint, KeyPrefix = topics.Prefix.TrimEnd('.') };
        var keys = new RedisKeys(redisOptions.KeyPrefix);
        var probeIds = KafkaPartitioner.SpreadIds($"probe-{slug}-", Partitions, Partitions);
        var load = new GroupTraffic(records, KafkaPartitioner.SpreadIds($"g-{slug}-", 1_000, Partitions), members: 100, ReadsPerMessage);

        await using var processor = RunningProcessor.Start(context.Services, topics, context.Log, tune);
        await using var sink = RunningRedisSink.Start(context.Services, topics, redisOptions, context.Log);
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = context.Services.Broker.BootstrapServers,
            ["Redis:Configuration"] = redisOptions.Configuration,
            ["Redis:KeyPrefix"] = redisOptions.KeyPrefix,
            ["Api:Auth:Enabled"] = "false",
            ["Api:Push:TopicPrefix"] = topics.Prefix,
        };
        if (pushFetchWaitMs is not null)
        {
            settings["Api:Push:FetchWait"] = TimeSpan.FromMilliseconds(double.Parse(pushFetchWaitMs, CultureInfo.InvariantCulture)).ToString("c", CultureInfo.InvariantCulture);
        }

        await using var api = await ApiHost.StartAsync(settings, cancellationToken);
        using var producer = new RecordProducer(context.Services.Configs);
        using var redis = await ConnectionMultiplexer.ConnectAsync($"{redisOptions.Configuration},abortConnect=false");
        var probes = new ConcurrentDictionary<(string Conversation, long Seq), Probe>();
        var redisLatency = new LatencySamples();
        var sseLatency = new LatencySamples();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var http = new HttpClient { BaseAddress = api.Address, Timeout = Timeout.InfiniteTimeSpan };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sse = Task.Run(() => ReadStreamAsync(http, probeIds, probes, sseLatency, ready, stop.Token), CancellationToken.None);
        var poller = Task.Run(() => PollRedisAsync(redis.GetDatabase(), keys, probes, redisLatency, stop.Token), CancellationToken.None);
        var receiptLatency = new LatencySamples();
        var tap = Task.Factory.StartNew(
            () => TapReceipts(context.Services, topics, probeIds, probes, receiptLatency, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // Warm-up: every probe conversation gets its two members and message 1, the pipeline its first flushes.
        var lastSeq = new long[Partitions];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var p = 0; p < Partitions; p++)
        {
            SendProbe(producer, records, probeIds[p], ++lastSeq[p], now, probes);
        }

        producer.Flush();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await WaitAsync(() => probes.Values.Count(p => p.SseAt > 0 && p.RedisAt > 0) >= Partitions, TimeSpan.FromSeconds(60), "the warm-up probes to reach Redis and the SSE stream", cancellationToken);
        probes.Clear();
        redisLatency.Clear();
        sseLatency.Clear();
        receiptLatency.Clear();

        context.Progress($"{label}: offering {reportsPerSecond:N0} reports/s (+{reportsPerSecond / ReadsPerMessage:N0} messages/s) for {duration.TotalSeconds:0} s");
        var recordsPerSecond = reportsPerSecond + (reportsPerSecond / ReadsPerMessage);
        var committedBefore = processor.Probe.Committed;
        var (sinkUpdatesBefore, sinkBatchesBefore, sinkWriteBefore, sinkQueueBefore) = (sink.Writer.Updates, sink.Writer.Batches, sink.Writer.WriteTime, sink.Writer.QueueTime);
        var (countsBefore, badgesBefore) = (sink.Writer.Counts, sink.Writer.Badges);
        var cpu = new CpuWindow();
        var redisCpuBefore = context.Services.RedisCpuSeconds();
        var clock = Stopwatch.StartNew();
        var produced = Offer(producer, load, recordsPerSecond, duration, (wall, p) => SendProbe(producer, records, probeIds[p], ++lastSeq[p], wall, probes));
        var offeredFor = clock.Elapsed;
        var cpuUsed = cpu.Describe();
        var gc = cpu.DescribeGc();
        var redisCpu = (context.Services.RedisCpuSeconds() - redisCpuBefore) / offeredFor.TotalSeconds;
        var sinkUpdates = sink.Writer.Updates - sinkUpdatesBefore;
        var sinkBatches = Math.Max(1, sink.Writer.Batches - sinkBatchesBefore);
        var sinkWriteMs = (sink.Writer.WriteTime - sinkWriteBefore).TotalMilliseconds;
        var sinkQueueMs = (sink.Writer.QueueTime - sinkQueueBefore).TotalMilliseconds;
        var perUpdate = $"{(double)(sink.Writer.Counts - countsBefore) / Math.Max(1, sinkUpdates):0.0} counts and {(double)(sink.Writer.Badges - badgesBefore) / Math.Max(1, sinkUpdates):0.0} badges per update";
        producer.Flush();
        await WaitAsync(() => probes.Values.All(p => p.RedisAt > 0 && p.SseAt > 0), TimeSpan.FromSeconds(30), "the last probes", cancellationToken, throwOnTimeout: false);
        var lost = probes.Values.Count(p => p.RedisAt == 0 || p.SseAt == 0);
        var appliedRate = (processor.Probe.Committed - committedBefore) / clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(sse, poller, tap).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);

        context.Add(new BenchFigure(Name, $"{label}: produce -> Redis p50", redisLatency.Percentile(50), "ms"));
        context.Add(reportsPerSecond == ReportsPerSecond
            ? BenchFigure.AtMost(Name, $"{label}: produce -> Redis p99", redisLatency.Percentile(99), "ms", 100)
            : new BenchFigure(Name, $"{label}: produce -> Redis p99", redisLatency.Percentile(99), "ms"));
        context.Add(new BenchFigure(Name, $"{label}: produce -> SSE p50", sseLatency.Percentile(50), "ms"));
        context.Add(reportsPerSecond == ReportsPerSecond
            ? BenchFigure.AtMost(Name, $"{label}: produce -> SSE p99", sseLatency.Percentile(99), "ms", 100)
            : new BenchFigure(Name, $"{label}: produce -> SSE p99", sseLatency.Percentile(99), "ms"));
        context.Note($"{label}: processor batch delay {processor.Options.MaxBatchDelay.TotalMilliseconds:0} ms, Redis sink batch delay 5 ms, push fetch wait " +
            $"{pushFetchWaitMs ?? "50"} ms; offered {produced / offeredFor.TotalSeconds:N0} records/s, processor committed {appliedRate:N0}/s " +
            $"in {processor.Probe.Flushes:N0} flushes (per flush: {processor.Probe.DescribeFlushPhases()}); {redisLatency.Count:N0} probes seen in Redis, {sseLatency.Count:N0} on SSE, {lost} not within 30 s; " +
            $"the Redis sink wrote {sinkUpdates / offeredFor.TotalSeconds:N0} receipt updates/s in batches of {(double)sinkUpdates / sinkBatches:N0} ({sinkWriteMs / sinkBatches:0.0} ms writing per batch, {sinkQueueMs / sinkBatches:0.0} ms of it building and sending the pipeline; {perUpdate}); " +
            $"the bench process ({(context.Services.Broker.IsDevBroker ? "broker, " : "")}processor, Redis sink, API, producer) used {cpuUsed} ({gc}) and Redis {redisCpu:P0} of one core while the load was offered; " +
            $"p99 of the probes sent in the first / last quarter of the run: {DescribeDrift(probes.Values)}; " +
            $"produce -> receipts topic (the processor's part: first hop, batch, flush) p50 / p99 {receiptLatency.Percentile(50):0} / {receiptLatency.Percentile(99):0} ms, " +
            $"first / last quarter p99 {DescribeReceiptDrift(probes.Values)}");
    }

    /// <summary>
    /// The baseline: the same load and probes through the pipeline's two broker hops with nothing
    /// done in between (<see cref="BareRelay"/>, tuned fetch waits). A probe arrives when its
    /// message and its read have both come through. No target: it shows what the broker alone
    /// costs at this load, and how that grows over the run.
    /// </summary>
    private async Task MeasureBareRelayAsync(BenchContext context, TimeSpan duration, CancellationToken cancellationToken)
    {
        const string label = "bare relay";
        var topics = await context.Services.CreateTopicsAsync("latency-relay", Partitions, cancellationToken);
        var records = new ChatRecords(topics);
        var probeIds = KafkaPartitioner.SpreadIds("probe-relay-", Partitions, Partitions);
        var load = new GroupTraffic(records, KafkaPartitioner.SpreadIds("g-relay-", 1_000, Partitions), members: 100, ReadsPerMessage);
        using var relay = new BareRelay(context.Services, topics, Partitions);
        using var producer = new RecordProducer(context.Services.Configs);
        var probes = new ConcurrentDictionary<(string Conversation, long Seq), Probe>();
        var samples = new LatencySamples();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Factory.StartNew(
            () => ReadRelayed(context.Services, topics, probeIds, probes, samples, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var lastSeq = new long[Partitions];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var p = 0; p < Partitions; p++)
        {
            SendProbe(producer, records, probeIds[p], ++lastSeq[p], now, probes);
        }

        producer.Flush();
        await WaitAsync(() => probes.Values.All(p => p.SseAt > 0), TimeSpan.FromSeconds(60), "the warm-up probes to come through the bare relay", cancellationToken);
        probes.Clear();
        samples.Clear();

        context.Progress($"{label}: offering {ReportsPerSecond:N0} reports/s through two broker hops, nothing processed, for {duration.TotalSeconds:0} s");
        var cpu = new CpuWindow();
        var clock = Stopwatch.StartNew();
        var produced = Offer(producer, load, ReportsPerSecond + (ReportsPerSecond / ReadsPerMessage), duration,
            (wall, p) => SendProbe(producer, records, probeIds[p], ++lastSeq[p], wall, probes));
        var offeredFor = clock.Elapsed;
        var cpuUsed = $"{cpu.Describe()} ({cpu.DescribeGc()})";
        producer.Flush();
        await WaitAsync(() => probes.Values.All(p => p.SseAt > 0), TimeSpan.FromSeconds(30), "the last probes", cancellationToken, throwOnTimeout: false);
        var lost = probes.Values.Count(p => p.SseAt == 0);
        await stop.CancelAsync();
        await reader;

        context.Add(new BenchFigure(Name, $"{label}: produce -> consumer p50", samples.Percentile(50), "ms"));
        context.Add(new BenchFigure(Name, $"{label}: produce -> consumer p99", samples.Percentile(99), "ms"));
        var (first, last) = P99ByQuarter(probes.Values.Where(p => p.SseAt > 0).Select(p => (p.SentAt, Stopwatch.GetElapsedTime(p.SentAt, p.SseAt).TotalMilliseconds)));
        context.Note($"{label}: offered {produced / offeredFor.TotalSeconds:N0} records/s, relayed {relay.Forwarded:N0} records (fetch wait 10 ms, linger 2 ms, " +
            $"both hops); {samples.Count:N0} probes through, {lost} not within 30 s; the bench process used {cpuUsed} while the load was offered; " +
            $"p99 of the probes sent in the first / last quarter of the run: {first:0} / {last:0} ms");
    }

    /// <summary>Offers <paramref name="recordsPerSecond"/> of <paramref name="load"/> and 50 probes/s (one partition after another) for <paramref name="duration"/>.</summary>
    /// <returns>The load records produced.</returns>
    private static long Offer(RecordProducer producer, GroupTraffic load, int recordsPerSecond, TimeSpan duration, Action<long, int> sendProbe)
    {
        var clock = Stopwatch.StartNew();
        long produced = 0, probesSent = 0;
        while (clock.Elapsed < duration)
        {
            var elapsed = clock.Elapsed.TotalSeconds;
            var wall = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var due = (long)(elapsed * recordsPerSecond); produced < due; produced++)
            {
                producer.Produce(load.Next(wall));
            }

            for (var due = (long)(elapsed * ProbesPerSecond); probesSent < due; probesSent++)
            {
                sendProbe(wall, (int)(probesSent % Partitions));
            }

            Thread.Sleep(1);
        }

        return produced;
    }

    /// <summary>Reads the relayed records; a probe has come through when its message and its read have.</summary>
    private static void ReadRelayed(
        BenchServices services, TopicSet topics, IReadOnlyList<string> probeIds, ConcurrentDictionary<(string Conversation, long Seq), Probe> probes,
        LatencySamples samples, CancellationToken cancellationToken)
    {
        var halves = new Dictionary<(string, long), int>();
        ReadProbeRecords(services, topics, "relayed", probeIds, (record, now) =>
        {
            var input = record.Message.Headers.GetLastBytes(BareRelay.InputHeader)[0];
            var key = InputRecordParser.Parse(TopicNames.Inputs[input], record.Message.Key, record.Message.Value, false).Event switch
            {
                MessageSent m => (m.ConversationId, m.Seq),
                ReadReported r => (r.ConversationId, r.ReadSeq),
                var other => throw new InvalidOperationException($"unexpected relayed probe record {other}"),
            };
            halves[key] = halves.GetValueOrDefault(key) + 1;
            if (halves[key] == 2 && probes.TryGetValue(key, out var probe))
            {
                probe.SseAt = now;
                samples.Add(Stopwatch.GetElapsedTime(probe.SentAt, now).TotalMilliseconds);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Reads the receipts topic from its start, as the push hub and the sink do, and hands every
    /// record of a probe conversation to <paramref name="onProbeRecord"/> with the time it arrived.
    /// </summary>
    private static void ReadProbeRecords(
        BenchServices services, TopicSet topics, string reader, IReadOnlyList<string> probeIds,
        Action<ConsumeResult<byte[], byte[]>, long> onProbeRecord, CancellationToken cancellationToken)
    {
        var config = services.Configs.CreateConsumerConfig(topics.Prefix + reader);
        config.EnableAutoCommit = false;
        config.FetchWaitMaxMs = 10;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topics.Receipts, p, Offset.Beginning)));
        var isProbe = probeIds.Select(id => Encoding.UTF8.GetBytes(id)).ToList();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(50)) is { } record && isProbe.Exists(k => k.AsSpan().SequenceEqual(record.Message.Key)))
            {
                onProbeRecord(record, Stopwatch.GetTimestamp());
            }
        }

        consumer.Close();
    }

    /// <summary>p99 of the first and the last quarter of the run's probes (by send time): how much the broker slowed down over the run (the dev broker: as its logs grew).</summary>
    private static (double First, double Last) P99ByQuarter(IEnumerable<(long SentAt, double Milliseconds)> probes)
    {
        var seen = probes.OrderBy(p => p.SentAt).ToList();
        var quarter = seen.Count / 4;
        if (quarter == 0)
        {
            return (double.NaN, double.NaN);
        }

        static double P99(IEnumerable<(long SentAt, double Milliseconds)> part)
        {
            var samples = new LatencySamples();
            foreach (var (_, milliseconds) in part)
            {
                samples.Add(milliseconds);
            }

            return samples.Percentile(99);
        }

        return (P99(seen[..quarter]), P99(seen[^quarter..]));
    }

    /// <summary>p99 of the first and the last quarter of the run's probes on their way to the receipts topic.</summary>
    private static string DescribeReceiptDrift(ICollection<Probe> probes)
    {
        var (first, last) = P99ByQuarter(probes.Where(p => p.ReceiptAt > 0).Select(p => (p.SentAt, Stopwatch.GetElapsedTime(p.SentAt, p.ReceiptAt).TotalMilliseconds)));
        return $"{first:0} / {last:0} ms";
    }

    /// <summary>
    /// A probe is on the receipts topic when its conversation's receipt update counts its message
    /// read. Splits each path's latency into the processor's part and the second hop's.
    /// </summary>
    private static void TapReceipts(
        BenchServices services, TopicSet topics, IReadOnlyList<string> probeIds, ConcurrentDictionary<(string Conversation, long Seq), Probe> probes,
        LatencySamples samples, CancellationToken cancellationToken) =>
        ReadProbeRecords(services, topics, "receipts-tap", probeIds, (record, now) =>
        {
            var update = ContractsSerializer.DeserializeReceiptUpdate(record.Message.Value);
            foreach (var count in update.Counts)
            {
                if (count.Read >= 1 && probes.TryGetValue((update.ConversationId, count.Seq), out var probe) && probe.ReceiptAt == 0)
                {
                    probe.ReceiptAt = now;
                    samples.Add(Stopwatch.GetElapsedTime(probe.SentAt, now).TotalMilliseconds);
                }
            }
        }, cancellationToken);

    /// <summary>p99 of the first and the last quarter of the run's probes on each path.</summary>
    private static string DescribeDrift(ICollection<Probe> probes)
    {
        var seen = probes.Where(p => p.SseAt > 0 && p.RedisAt > 0).ToList();
        var sse = P99ByQuarter(seen.Select(p => (p.SentAt, Stopwatch.GetElapsedTime(p.SentAt, p.SseAt).TotalMilliseconds)));
        var redis = P99ByQuarter(seen.Select(p => (p.SentAt, Stopwatch.GetElapsedTime(p.SentAt, p.RedisAt).TotalMilliseconds)));
        return $"SSE {sse.First:0} ms, Redis {redis.First:0} ms / SSE {sse.Last:0} ms, Redis {redis.Last:0} ms";
    }

    private static void SendProbe(RecordProducer producer, ChatRecords records, string conversation, long seq, long wallMs, ConcurrentDictionary<(string, long), Probe> probes)
    {
        producer.Produce(records.Message(conversation, seq, "probe-sender", wallMs));
        probes[(conversation, seq)] = new Probe { SentAt = Stopwatch.GetTimestamp() };
        producer.Produce(records.Read(conversation, "probe-reader", seq, wallMs));
    }

    /// <summary>
    /// Checks outstanding probes every millisecond: visible when the message's count in Redis reads 1.
    /// One HMGET per probe conversation, so the polling costs Redis at most 8 commands per
    /// millisecond however many probes wait (one HGET per probe made a backlog feed itself).
    /// </summary>
    private static async Task PollRedisAsync(IDatabase database, RedisKeys keys, ConcurrentDictionary<(string Conversation, long Seq), Probe> probes, LatencySamples samples, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var waiting = probes.Where(p => p.Value.RedisAt == 0).GroupBy(p => p.Key.Conversation).Select(g => g.ToList()).ToList();
            if (waiting.Count > 0)
            {
                var counts = await Task.WhenAll(waiting.Select(g =>
                    database.HashGetAsync(keys.Counts(g[0].Key.Conversation), [.. g.Select(p => (RedisValue)p.Key.Seq)])));
                var now = Stopwatch.GetTimestamp();
                for (var c = 0; c < waiting.Count; c++)
                {
                    for (var i = 0; i < waiting[c].Count; i++)
                    {
                        var count = counts[c][i];
                        if (count.HasValue && ((string)count!).StartsWith("1:", StringComparison.Ordinal))
                        {
                            var probe = waiting[c][i].Value;
                            probe.RedisAt = now;
                            samples.Add(Stopwatch.GetElapsedTime(probe.SentAt, now).TotalMilliseconds);
                        }
                    }
                }
            }

            await Task.Delay(1, CancellationToken.None);
        }
    }

    /// <summary>Reads the probe conversations' SSE stream; a probe arrives with its receipt event reading 1.</summary>
    private static async Task ReadStreamAsync(
        HttpClient http, IReadOnlyList<string> conversations, ConcurrentDictionary<(string Conversation, long Seq), Probe> probes, LatencySamples samples,
        TaskCompletionSource ready, CancellationToken cancellationToken)
    {
        try
        {
            var query = string.Join("&", conversations.Select(c => $"conversationId={Uri.EscapeDataString(c)}"));
            using var response = await http.GetAsync($"/v1/stream?{query}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            string? name = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "ready")
                {
                    ready.TrySetResult();
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "receipt")
                {
                    var now = Stopwatch.GetTimestamp();
                    using var data = JsonDocument.Parse(line["data: ".Length..]);
                    var root = data.RootElement;
                    var key = (root.GetProperty("conversationId").GetString()!, root.GetProperty("seq").GetInt64());
                    if (root.GetProperty("read").GetInt64() >= 1 && probes.TryGetValue(key, out var probe) && probe.SseAt == 0)
                    {
                        probe.SseAt = now;
                        samples.Add(Stopwatch.GetElapsedTime(probe.SentAt, now).TotalMilliseconds);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            ready.TrySetException(e);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken, bool throwOnTimeout = true)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                if (throwOnTimeout)
                {
                    throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}");
                }

                return;
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>A probe's send time and arrivals (for the bare relay, <see cref="SseAt"/> is when it came through).</summary>
    private sealed class Probe
    {
        public long SentAt;
        public long RedisAt;
        public long SseAt;
        public long ReceiptAt;
    }
}
