using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using StreamRead.Bench.Infrastructure;
using StreamRead.Bench.Reporting;
using StreamRead.Bench.Workload;
using StreamRead.Redis;

namespace StreamRead.Bench.Scenarios;

/// <summary>
/// Issue 6 figure 6: the Redis sink working through a backlog of receipt updates (the processor's
/// output for read reports in 1,000 groups of 100), in Redis dataset changes per second (the keys
/// and fields its Lua scripts modify, by the server's own count; a SET is one), against
/// <c>redis-benchmark</c>'s pipelined SET rate on the same server. Write commands are no measure
/// since the scripts write a run of fields in one variadic call.
/// </summary>
internal sealed partial class RedisSinkScenario : IBenchScenario
{
    private const int Partitions = 16;

    public string Name => "sink";

    public string Title => "Redis sink writes/s against redis-benchmark's pipelined SET";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var total = context.Size(200_000, 10_000);
        var topics = await context.Services.CreateTopicsAsync(Name, Partitions, cancellationToken);
        var traffic = new GroupTraffic(new ChatRecords(topics), KafkaPartitioner.SpreadIds("g", 1_000, Partitions), members: 100, readsPerMessage: 10);
        context.Progress($"the processor turns {total:N0} input records into receipt updates");
        using (var producer = new RecordProducer(context.Services.Configs))
        {
            producer.ProduceAll(traffic.Take(total, DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds()));
        }

        // Short batch delay: more, smaller receipt updates, as in live operation.
        await using (var processor = RunningProcessor.Start(context.Services, topics, context.Log, o => o.MaxBatchRecords = 2_000))
        {
            await processor.WaitForCommittedAsync(total, TimeSpan.FromMinutes(5), cancellationToken);
        }

        var receipts = EndOffsets(context.Services, topics.Receipts);
        context.Progress($"the Redis sink writes {receipts:N0} receipt updates");
        context.Services.RedisFlush();
        var activity = RedisActivity.Start(context.Services);
        TimeSpan elapsed;
        CountingReceiptWriter counted;
        await using (var sink = RunningRedisSink.Start(context.Services, topics, new RedisOptions { Configuration = context.Services.Redis.Endpoint, KeyPrefix = "sink" }, context.Log))
        {
            await sink.WaitForCommittedAsync(receipts, TimeSpan.FromMinutes(5), cancellationToken);
            elapsed = Stopwatch.GetElapsedTime(sink.Probe.FirstConsumedAt, sink.Probe.LastFlushAt);
            counted = sink.Writer;
        }

        var changes = activity.Changes;
        var writes = activity.WriteCalls().Values.Sum();
        var calls = activity.AllCalls();
        var sinkRate = changes / elapsed.TotalSeconds;

        context.Progress("redis-benchmark -t set -P 16");
        var requests = context.Size(2_000_000, 200_000);
        var setRate = await RedisBenchmarkAsync(context.Services.Redis.Port, requests, cancellationToken);
        context.Add(new BenchFigure(Name, "sink: receipt updates", receipts / elapsed.TotalSeconds, "updates/s"));
        context.Add(new BenchFigure(Name, "sink: Redis writes (dataset changes)", sinkRate, "writes/s"));
        context.Add(new BenchFigure(Name, "redis-benchmark SET -P 16", setRate, "writes/s"));
        context.Add(new BenchFigure(Name, "sink / redis-benchmark", sinkRate / setRate, "x"));
        context.Note($"{receipts:N0} updates in {elapsed.TotalSeconds:0.0} s: {changes:N0} dataset changes ({changes / (double)receipts:0.0} per update) by {writes:N0} write commands, " +
            $"run by {calls - writes:N0} other calls (scripts and their reads); {counted.Batches:N0} batches, {counted.WriteTime.TotalSeconds:0.0} s inside the writer (Redis round trips)");
    }

    private static long EndOffsets(BenchServices services, string topic)
    {
        var config = services.Configs.CreateConsumerConfig("bench-offsets");
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        return Enumerable.Range(0, Partitions).Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    private static async Task<double> RedisBenchmarkAsync(int port, int requests, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("redis-benchmark")
        {
            ArgumentList = { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", "set", "-n", requests.ToString(CultureInfo.InvariantCulture), "-P", "16", "-q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-benchmark did not start: install redis-tools");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        // "SET: 1234567.88 requests per second, p50=0.327 msec"; progress lines end in \r.
        var match = SetRate().Matches(output).LastOrDefault()
            ?? throw new InvalidOperationException($"redis-benchmark printed no SET rate: {output.Trim()}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"SET: ([0-9.]+) requests per second")]
    private static partial Regex SetRate();
}
