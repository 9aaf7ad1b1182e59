using System.Text;
using Confluent.Kafka;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Topics;
using StreamRead.Model;
using StreamRead.Runtime.Changelog;
using StreamRead.Runtime.Commit;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.State;
using StreamRead.Runtime.Tasks;
using StreamRead.Runtime.Tests.Simulation;
using StreamRead.Runtime.Tests.Support;
using Xunit;

namespace StreamRead.Runtime.Tests.Tasks;

/// <summary>
/// The restatement after a replay (<see cref="PartitionTask.RestateAfterReplay"/>) and the batch
/// markers that carry it across a second crash; the crash simulation checks the end states.
/// </summary>
public sealed class ReplayRestatementTests
{
    private static readonly TopicSet Topics = new("sim.");
    private static readonly ModelOptions Model = new() { HotWindowSize = 8 };
    private readonly EventLog _log = EventLog.Generate(seed: 7, Topics, conversations: 6, events: 300);

    [Fact]
    public void Each_marker_says_a_restatement_is_owed_until_the_flush_that_emits_it()
    {
        var restored = RunAndRestore(upTo: 100);
        var task = Restored(restored, restoredMidRestatement: false);
        var resumeAt = restored.LatestMarker!.NextOffsets;
        task.RestateAfterReplay(Ends(), Inputs().ToDictionary(t => t, t => resumeAt.GetValueOrDefault(t)));
        var replay = _log.Records.Where(r => r.Offset.Value >= resumeAt.GetValueOrDefault(r.Topic)).ToList();
        var touched = replay.Where(IsValid).Select(r => Encoding.UTF8.GetString(r.Message.Key)).ToHashSet();

        Apply(task, replay.Take(replay.Count / 2));
        var (midway, midwayMarker) = Flush(task);
        Apply(task, replay.Skip(replay.Count / 2));
        var (last, lastMarker) = Flush(task);
        var (after, afterMarker) = Flush(task);

        Assert.True(midwayMarker!.RestatementPending);
        Assert.Empty(FullStates(midway));
        Assert.False(lastMarker!.RestatementPending);
        Assert.Equal(touched.Order(), FullStates(last).Order());
        Assert.NotEmpty(touched);
        Assert.Null(after);
        Assert.Null(afterMarker);
    }

    [Fact]
    public void A_task_restored_from_a_marker_that_owes_a_restatement_restates_every_conversation()
    {
        var restored = RunAndRestore(upTo: _log.Records.Count);
        var task = Restored(restored, restoredMidRestatement: true);
        var resumeAt = restored.LatestMarker!.NextOffsets;

        // Nothing is left to replay: the restatement is due at once, for every conversation, since
        // the marker does not say which ones the earlier replay touched.
        task.RestateAfterReplay(Ends(), Inputs().ToDictionary(t => t, t => resumeAt.GetValueOrDefault(t)));
        Assert.True(task.HasPendingRestatement);
        var (flush, marker) = Flush(task);

        Assert.Equal(task.Store.Conversations.Select(c => c.ConversationId).Order(), FullStates(flush).Order());
        Assert.False(marker!.RestatementPending);
        Assert.False(task.HasPendingRestatement);
    }

    [Fact]
    public void A_marker_that_owes_a_restatement_means_nothing_when_the_task_does_not_restate_after_a_replay()
    {
        // With transactions the processor never calls RestateAfterReplay: a crashed batch was aborted.
        var restored = RunAndRestore(upTo: _log.Records.Count);
        var task = Restored(restored, restoredMidRestatement: true);

        Assert.False(task.HasPendingRestatement);
        Assert.Null(task.PrepareFlush());
    }

    private RestoredChangelog RunAndRestore(int upTo)
    {
        var task = new PartitionTask(0, Topics, new ReadStateStore(Model), epoch: 1, restoredFrom: null, TimeProvider.System, new StreamReadMetrics());
        Apply(task, _log.Records.Take(upTo));
        var collector = new InMemoryCollector();
        var coordinator = new FlushCoordinator(collector, offsets => collector.Commits.Add(offsets), () => null!, new StreamReadMetrics());
        var flush = coordinator.Prepare([task])!;
        coordinator.Start(flush, CancellationToken.None);
        coordinator.Complete(flush);
        return collector.Restore(Topics.Changelog);
    }

    private static PartitionTask Restored(RestoredChangelog restored, bool restoredMidRestatement)
    {
        var marker = restored.LatestMarker! with { RestatementPending = restoredMidRestatement };
        return new PartitionTask(0, Topics, ReadStateStore.Restore(restored, Model), restored.MaxEpoch + 1, marker,
            TimeProvider.System, new StreamReadMetrics());
    }

    private static void Apply(PartitionTask task, IEnumerable<ConsumeResult<byte[], byte[]>> records)
    {
        foreach (var record in records)
        {
            task.Enqueue(record);
        }

        task.Process(int.MaxValue, _ => true);
    }

    private static (TaskFlush? Flush, BatchMarker? Marker) Flush(PartitionTask task)
    {
        if (task.PrepareFlush() is not var (flush, marker))
        {
            return (null, null);
        }

        return (flush, BatchMarker.Decode(marker.Value));
    }

    private static IEnumerable<string> FullStates(TaskFlush? flush) =>
        (flush?.Records ?? []).Where(r => r.Topic == Topics.Receipts)
            .Select(r => ContractsSerializer.DeserializeReceiptUpdate(r.Value))
            .Where(u => u.FullState)
            .Select(u => u.ConversationId)
            .Distinct();

    private IEnumerable<string> Inputs() => _log.Records.Select(r => r.Topic).Distinct();

    private Dictionary<string, long> Ends() =>
        _log.Records.GroupBy(r => r.Topic).ToDictionary(g => g.Key, g => g.Max(r => r.Offset.Value) + 1);

    private static bool IsValid(ConsumeResult<byte[], byte[]> record) =>
        InputRecordParser.Parse(
            TopicNames.Inputs[Topics.InputIndexOf(record.Topic)], record.Message.Key, record.Message.Value, false).IsValid;
}
