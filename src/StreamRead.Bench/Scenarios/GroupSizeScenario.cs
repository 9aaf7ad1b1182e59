using System.Diagnostics;
using StreamRead.Bench.Infrastructure;
using StreamRead.Bench.Reporting;
using StreamRead.Bench.Workload;

namespace StreamRead.Bench.Scenarios;

/// <summary>
/// Issue 6 figure 2 (SPEC 2.3: no group-size limit): the same number of read reports over the same
/// number of memberships (400,000), arranged as groups of 10, 1,000 and 100,000 members, so that
/// only the group size differs: as many distinct members report, and a flush has as many member
/// changes to write, whatever the size. Each group is set up first (every member joins), then the
/// reports (a message every 10) are produced while the processor runs; the rate counts what the
/// processor commits after the producer finished, so it measures the processor alone working
/// through a backlog.
/// </summary>
internal sealed class GroupSizeScenario : IBenchScenario
{
    private const int Partitions = 16;
    private const int ReadsPerMessage = 10;

    public string Name => "groups";

    public string Title => "read reports/s in groups of 10, 1,000 and 100,000 members";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        int[] sizes = context.Size<int[]>([10, 1_000, 100_000], [10, 100, 1_000]);
        var memberships = context.Size(400_000, 4_000);
        var reports = context.Size(200_000, 10_000);
        var rates = new List<(int Size, double Rate)>();
        var outputs = new List<string>();
        foreach (var size in sizes)
        {
            var (rate, outputsPerReport) = await MeasureAsync(context, size, memberships / size, reports, cancellationToken);
            rates.Add((size, rate));
            outputs.Add($"{size:N0}: {outputsPerReport:0.00}");
            context.Add(new BenchFigure(Name, $"groups of {size:N0}", rate, "reports/s"));
        }

        var smallest = rates[0].Rate;
        var largest = rates[^1];
        context.Add(BenchFigure.AtLeast(Name, $"{largest.Size:N0} / {sizes[0]:N0} members", largest.Rate / smallest, "x", 0.8));
        context.Note($"{reports:N0} read reports (plus a message every {ReadsPerMessage}) over {memberships:N0} memberships per size " +
            $"({string.Join(", ", sizes.Select(size => $"{memberships / size:N0} x {size:N0}"))}), each member reading up to the latest message; groups set up beforehand by explicit joins (not timed); output records per timed report " +
            $"(changelog, receipts, analytics; a flush coalesces a member's reports into one change) by group size: {string.Join(", ", outputs)}");
    }

    private static async Task<(double Rate, double OutputsPerReport)> MeasureAsync(BenchContext context, int size, int conversations, int reports, CancellationToken cancellationToken)
    {
        var topics = await context.Services.CreateTopicsAsync($"groups{size}", Partitions, cancellationToken);
        var records = new ChatRecords(topics);
        var ids = KafkaPartitioner.SpreadIds($"g{size}-", conversations, Partitions);
        var clock = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds();
        var setup = new List<BenchRecord>(conversations * (size + 1));
        for (var m = 0; m < size; m++)
        {
            for (var c = 0; c < conversations; c++)
            {
                setup.Add(records.Join(ids[c], $"u{c}-{m}", clock));
            }
        }

        var traffic = new GroupTraffic(records, ids, size, ReadsPerMessage);
        var timedCount = reports + (reports / ReadsPerMessage);
        var timed = traffic.Take(timedCount, clock + 1);
        context.Progress($"groups of {size:N0}: {setup.Count:N0} joins, then {timedCount:N0} records");
        using var producer = new RecordProducer(context.Services.Configs);
        await using var processor = RunningProcessor.Start(context.Services, topics, context.Log);
        producer.ProduceAll(setup);
        await processor.WaitForCommittedAsync(setup.Count, TimeSpan.FromMinutes(5), cancellationToken);

        var producedThen = processor.Probe.Produced;
        producer.ProduceAll(timed);
        var producedAt = Stopwatch.GetTimestamp();
        var committedThen = processor.Probe.Committed;
        var total = setup.Count + timed.Count;
        await processor.WaitForCommittedAsync(total, TimeSpan.FromMinutes(5), cancellationToken);
        var window = Stopwatch.GetElapsedTime(producedAt, processor.Probe.LastFlushAt);
        var backlog = total - committedThen;
        if (backlog < timed.Count / 2)
        {
            context.Note($"groups of {size:N0}: only {backlog:N0} of {timed.Count:N0} records were left when the producer finished, so the rate is partly the producer's");
        }

        // Reports are 10 of every 11 timed records.
        return (backlog * ((double)reports / timedCount) / window.TotalSeconds, (double)(processor.Probe.Produced - producedThen) / reports);
    }
}
