using BenchmarkDotNet.Attributes;

namespace StreamRead.Benchmarks.Model;

/// <summary>
/// What a flush pays per touched conversation to capture its snapshot (the changelog's
/// conversation record, sender chunks and analytics dating all start from it), by the length of
/// the conversation's history: the processor captures one for every conversation a flush touches,
/// so this must not grow with the history.
/// </summary>
[MemoryDiagnoser]
public class FlushSnapshotBenchmarks
{
    private GroupFixture group = null!;

    [Params(1_000, 100_000)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup() => group = new GroupFixture(members: 100, Messages);

    /// <summary>The full snapshot, per-message senders included (what flushes took before): linear in the history.</summary>
    [Benchmark(Baseline = true)]
    public int CaptureSnapshot() => group.State.CaptureSnapshot().HotMessages.Length;

    /// <summary>What a flush takes now: the snapshot without senders, plus the senders of the last chunk (64 messages).</summary>
    [Benchmark]
    public int WithoutSendersPlusLastChunk()
    {
        var snapshot = group.State.CaptureSnapshotWithoutSenders();
        var count = snapshot.MessageCount;
        return snapshot.HotMessages.Length + group.State.SendersFrom(count - (count % 64 == 0 ? 64 : count % 64), count).Length;
    }
}
