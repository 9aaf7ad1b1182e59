using BenchmarkDotNet.Attributes;

namespace StreamRead.Benchmarks.Model;

/// <summary>
/// Cost of answering a receipt (read, eligible) for a recent message and for one far older than the
/// hot window (SPEC 2.3: O(log n), whatever the group size and the message's age).
/// </summary>
[MemoryDiagnoser]
public class ReceiptQueryBenchmarks
{
    private GroupFixture group = null!;
    private long recentSeq;
    private long oldSeq;

    [Params(10, 1_000, 100_000)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        group = new GroupFixture(Members, messages: 5_000);
        recentSeq = group.LastSeq - GroupFixture.Spread / 2;
        oldSeq = 10;
    }

    [Benchmark]
    public long RecentMessage() => group.State.GetReceipt(recentSeq)!.Value.Read;

    [Benchmark]
    public long MessageOlderThanTheHotWindow() => group.State.GetReceipt(oldSeq)!.Value.Read;
}
