using BenchmarkDotNet.Attributes;

namespace StreamRead.Benchmarks.Model;

/// <summary>
/// Cost of a new message arriving (known seqs, hot window, sender watermark, pending reads), drained
/// every 10 messages: it must not visit the members of the group (docs/design.md).
/// </summary>
[MemoryDiagnoser]
public class MessageArrivalBenchmarks
{
    private const int MessagesPerInvoke = 100;

    private GroupFixture group = null!;

    [Params(10, 1_000, 100_000)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup() => group = new GroupFixture(Members, messages: 1_000);

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke)]
    public int MessageWithPeriodicDrain()
    {
        int counts = 0;
        for (int i = 1; i <= MessagesPerInvoke; i++)
        {
            group.AppendMessage();
            if (i % 10 == 0)
            {
                counts += group.State.DrainChanges().Counts.Count;
            }
        }

        return counts;
    }
}
