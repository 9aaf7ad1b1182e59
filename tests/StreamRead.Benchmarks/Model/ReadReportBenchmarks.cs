using BenchmarkDotNet.Attributes;

namespace StreamRead.Benchmarks.Model;

/// <summary>
/// Cost of one read report, applied and drained as the processor does (a drain every 100 reports),
/// in groups of 10 to 100,000 members. SPEC 2.3 asks that it does not grow with the group size.
/// </summary>
/// <remarks>
/// Members report in turn; each report advances its reader by one message, so every report changes
/// a watermark, a count and usually a milestone check. A message is appended when the next reader
/// has read everything, so every message ends up read by every member.
/// </remarks>
[MemoryDiagnoser]
public class ReadReportBenchmarks
{
    private const int ReportsPerInvoke = 1_000;
    private const int ReportsPerDrain = 100;

    private GroupFixture group = null!;
    private int nextReader;
    private int reportsSinceDrain;

    [Params(10, 1_000, 100_000)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        group = new GroupFixture(Members, messages: 1_000);
        nextReader = 0;
        reportsSinceDrain = 0;
    }

    [Benchmark(OperationsPerInvoke = ReportsPerInvoke)]
    public long ReadReportWithPeriodicDrain()
    {
        long changes = 0;
        for (int i = 0; i < ReportsPerInvoke; i++)
        {
            int reader = nextReader;
            nextReader = (nextReader + 1) % Members;
            long readSeq = group.Watermarks[reader] + 1;
            if (readSeq > group.LastSeq)
            {
                group.AppendMessage();
            }

            group.Watermarks[reader] = readSeq;
            group.State.ApplyRead(group.Users[reader], readSeq, isPrivate: false, group.NowMs);
            if (++reportsSinceDrain == ReportsPerDrain)
            {
                reportsSinceDrain = 0;
                changes += group.State.DrainChanges().Counts.Count;
            }
        }

        return changes;
    }
}
