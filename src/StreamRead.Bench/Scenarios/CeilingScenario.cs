using System.Diagnostics;
using StreamRead.Bench.Infrastructure;
using StreamRead.Bench.Reporting;
using StreamRead.Bench.Workload;

namespace StreamRead.Bench.Scenarios;

/// <summary>
/// Issue 6 figure 1: how close the processor comes to the broker's limit. The same input records
/// (read reports in 100-member groups, a message every 10 reports) are read by a bare consumer,
/// by a consumer that also parses them, and by the processor end to end (applied, outputs flushed
/// and acknowledged, offsets committed).
/// </summary>
internal sealed class CeilingScenario : IBenchScenario
{
    public const int Partitions = 16;

    public string Name => "ceiling";

    public string Title => "bare consumer vs processor end to end, same input";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var conversations = context.Size(1_000, 100);
        var total = context.Size(300_000, 20_000);
        var topics = await context.Services.CreateTopicsAsync(Name, Partitions, cancellationToken);
        var traffic = new GroupTraffic(new ChatRecords(topics), KafkaPartitioner.SpreadIds("g", conversations, Partitions), members: 100, readsPerMessage: 10);
        var records = traffic.Take(total, DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds());
        context.Progress($"producing {total:N0} records ({conversations:N0} groups of 100, {Partitions} partitions per topic)");
        var produce = Stopwatch.StartNew();
        using (var producer = new RecordProducer(context.Services.Configs))
        {
            producer.ProduceAll(records);
        }

        var produceRate = total / produce.Elapsed.TotalSeconds;
        records.Clear();

        // The baselines take about a second each on this machine, where a second is noisy: the median of three.
        context.Progress("bare consumer (3 reads)");
        var raw = Median(3, () => total / RawConsumer.ReadInputs(context.Services, topics, Partitions, total, parse: false, cancellationToken).TotalSeconds);
        context.Progress("consumer + JSON parsing (3 reads)");
        var parsed = Median(3, () => total / RawConsumer.ReadInputs(context.Services, topics, Partitions, total, parse: true, cancellationToken).TotalSeconds);

        // Warm-up: the processor's code is still tier-0 JIT code at its start, and a measured run of
        // a few seconds would mostly time the JIT (0.13 to 0.49 x from run to run without it).
        context.Progress($"processor warm-up ({WarmUpRecords:N0} records on topics of their own)");
        await WarmUpAsync(context, cancellationToken);

        context.Progress("processor");
        double processed;
        long flushes, produced;
        double flushShare;
        string phases;
        string cpuUsed;
        await using (var processor = RunningProcessor.Start(context.Services, topics, context.Log))
        {
            var joining = Stopwatch.StartNew();
            while (processor.Probe.FirstConsumedAt == 0 && joining.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(1, cancellationToken);
            }

            var cpu = new CpuWindow();
            await processor.WaitForCommittedAsync(total, TimeSpan.FromMinutes(5), cancellationToken);
            cpuUsed = $"{cpu.Describe()} ({cpu.DescribeGc()})";
            processed = total / Stopwatch.GetElapsedTime(processor.Probe.FirstConsumedAt, processor.Probe.LastFlushAt).TotalSeconds;
            flushes = processor.Probe.Flushes;
            phases = processor.Probe.DescribeFlushPhases();
            produced = processor.Probe.Produced;
            flushShare = processor.Probe.FlushSeconds / Stopwatch.GetElapsedTime(processor.Probe.FirstConsumedAt, processor.Probe.LastFlushAt).TotalSeconds;
        }

        context.Add(new BenchFigure(Name, "bare consumer (median of 3)", raw, "records/s"));
        context.Add(new BenchFigure(Name, "consumer + parse (median of 3)", parsed, "records/s"));
        context.Add(new BenchFigure(Name, "processor end to end", processed, "records/s"));
        context.Add(BenchFigure.AtLeast(Name, "processor / bare consumer", processed / raw, "x", 0.7));
        context.Note($"input: {total:N0} records ({total / 11 * 10:N0} read reports) in {conversations:N0} groups of 100 over {Partitions} partitions, produced at {produceRate:N0} records/s (LZ4); " +
            $"the processor committed them in {flushes:N0} flushes ({total / Math.Max(1, flushes):N0} records each; per flush: {phases}), " +
            $"flushing {flushShare:P0} of its time, and wrote {produced:N0} output records ({(double)produced / total:0.0} per input record) to the same broker; " +
            $"from its first record to its last flush the bench process ({(context.Services.Broker.IsDevBroker ? "broker and processor" : "processor; the broker runs apart")}) used {cpuUsed}; " +
            BrokerBound(context, raw, (double)produced / total / produceRate));
    }

    /// <summary>
    /// The dev broker serves fetches and takes produce requests on one thread: what it needs to read
    /// the input at the bare consumer's rate and take the outputs at the producer's rate bounds the
    /// processor. A real broker serves them on many threads, so no such bound is computed there.
    /// </summary>
    private static string BrokerBound(BenchContext context, double raw, double outputSecondsPerRecord)
    {
        if (!context.Services.Broker.IsDevBroker)
        {
            return "the dev broker's one-thread bound does not apply: a real broker serves fetches and produce requests on several threads";
        }

        var brokerBound = 1 / ((1 / raw) + outputSecondsPerRecord);
        return "a broker that reads the input at the bare consumer's rate and takes the outputs at the producer's rate, one after the other, allows at most " +
            $"{brokerBound:N0} records/s ({brokerBound / raw:0.00} x the bare consumer)";
    }

    private const int WarmUpRecords = 50_000;

    private static async Task WarmUpAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var topics = await context.Services.CreateTopicsAsync("ceiling-warmup", Partitions, cancellationToken);
        var traffic = new GroupTraffic(new ChatRecords(topics), KafkaPartitioner.SpreadIds("w", 200, Partitions), members: 100, readsPerMessage: 10);
        var count = context.Size(WarmUpRecords, 5_000);
        using (var producer = new RecordProducer(context.Services.Configs))
        {
            producer.ProduceAll(traffic.Take(count, DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds()));
        }

        await using var processor = RunningProcessor.Start(context.Services, topics, context.Log);
        await processor.WaitForCommittedAsync(count, TimeSpan.FromMinutes(2), cancellationToken);
    }

    private static double Median(int runs, Func<double> measure)
    {
        var values = Enumerable.Range(0, runs).Select(_ => measure()).Order().ToList();
        return values[runs / 2];
    }
}
