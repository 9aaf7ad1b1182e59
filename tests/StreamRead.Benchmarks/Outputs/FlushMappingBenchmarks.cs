using BenchmarkDotNet.Attributes;
using StreamRead.Benchmarks.Model;
using StreamRead.Contracts.Json;
using StreamRead.Model;
using StreamRead.Runtime.Outputs;

namespace StreamRead.Benchmarks.Outputs;

/// <summary>
/// What a flush pays per touched conversation to turn its drained changes into output records,
/// the part of the processor's prepare that is not the model: the receipt update and the analytics
/// update, each mapped and serialized. The changes are those of a group of 100 (1,055 messages, 10
/// ms apart) in which 5 messages arrived and 20 members read up to the latest, 56-151 messages
/// each, every one of them dated for the read-through counts.
/// </summary>
[MemoryDiagnoser]
public class FlushMappingBenchmarks
{
    private static readonly DateTimeOffset EmittedAt = DateTimeOffset.FromUnixTimeMilliseconds(GroupFixture.T0);

    private GroupFixture _group = null!;
    private ConversationChanges _changes = null!;
    private ConversationSnapshot _snapshot = null!;

    [GlobalSetup]
    public void Setup()
    {
        _group = new GroupFixture(members: 100, messages: 1_000);
        for (var i = 0; i < 50; i++)
        {
            _group.AppendMessage();
        }

        _group.State.DrainChanges();
        for (var i = 0; i < 5; i++)
        {
            _group.AppendMessage();
        }

        for (var i = 0; i < 20; i++)
        {
            _group.State.ApplyRead(_group.Users[i * 5], _group.LastSeq, isPrivate: false, _group.NowMs);
        }

        _changes = _group.State.DrainChanges();
        _snapshot = _group.State.CaptureSnapshotWithoutSenders();
    }

    [Benchmark(Baseline = true)]
    public int ReceiptUpdate()
    {
        var bytes = 0;
        foreach (var update in ReceiptMapper.ToReceiptUpdates(_changes, EmittedAt))
        {
            bytes += ContractsSerializer.Serialize(update).Length;
        }

        return bytes;
    }

    [Benchmark]
    public int AnalyticsUpdate()
    {
        var bytes = 0;
        foreach (var update in AnalyticsMapper.ToAnalyticsUpdates(_changes, _group.State, _snapshot, EmittedAt))
        {
            bytes += ContractsSerializer.Serialize(update).Length;
        }

        return bytes;
    }

    /// <summary>The receipt update's mapping alone: the rest of <see cref="ReceiptUpdate"/> is JSON.</summary>
    [Benchmark]
    public int ReceiptMapOnly() => ReceiptMapper.ToReceiptUpdates(_changes, EmittedAt).Sum(u => u.Counts.Count);

    /// <summary>The analytics update's mapping alone: the rest of <see cref="AnalyticsUpdate"/> is JSON.</summary>
    [Benchmark]
    public int AnalyticsMapOnly() => AnalyticsMapper.ToAnalyticsUpdates(_changes, _group.State, _snapshot, EmittedAt).Count;
}
