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
using StreamRead.Runtime.Tests.Support;
using Xunit;

namespace StreamRead.Runtime.Tests.Simulation;

/// <summary>
/// Seeded crash-and-restore simulation (after Kafka's RaftEventSimulationTest): a task processes
/// a history with flushes of random size, applying and preparing each batch while the previous flush is in
/// flight, and dies at random points, possibly in the middle of a flush with only part of the
/// batch delivered. Each time a new task is restored from what reached
/// the changelog and resumes at the last marker's offsets. The end state, every version, and what
/// a receipts consumer holds must equal an uninterrupted run's (SPEC 2.7).
/// </summary>
public sealed class CrashRecoverySimulationTests
{
    private static readonly TopicSet Topics = new("sim.");
    private static readonly ModelOptions Model = new() { HotWindowSize = 8 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Crashes_at_random_points_end_in_the_state_of_an_uninterrupted_run(int seed) => Simulate(seed, crashes: 8, liveArrival: false);

    /// <summary>
    /// Records arrive per input in chunks of random size and an empty input is passed over, so each
    /// run and replay interleaves the inputs differently: a crashed run's uncommitted receipts hold
    /// states the replay reaches at other versions, which the restatement after a replay repairs.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void With_live_arrival_a_crash_or_two_end_in_the_state_of_an_uninterrupted_run(int seed) => Simulate(seed, crashes: 2, liveArrival: true);

    /// <summary>
    /// A crash during the replay after an earlier one: the batch markers carry the pending
    /// restatement, so the next restore still restates what the earlier replays touched.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void With_live_arrival_many_crashes_end_in_the_state_of_an_uninterrupted_run(int seed) => Simulate(seed, crashes: 8, liveArrival: true);

    private static void Simulate(int seed, int crashes, bool liveArrival)
    {
        var log = EventLog.Generate(seed, Topics, conversations: 6, events: 600);

        var expected = Run(log, new Random(seed), crashes: 0, liveArrival);
        var actual = Run(log, new Random(seed + 1), crashes, liveArrival);

        Assert.Equal(Describe(expected.Store), Describe(actual.Store));
        Assert.Equal(
            expected.Receipts.Conversations.ToDictionary(p => p.Key, p => p.Value.Describe()),
            actual.Receipts.Conversations.ToDictionary(p => p.Key, p => p.Value.Describe()));
        // Dead letters are at least once: each malformed input is there, re-emitted at most after a crash.
        Assert.Equal(log.Records.Count(r => !InputRecordParser.Parse(TopicNames.Inputs[Topics.InputIndexOf(r.Topic)], r.Message.Key, r.Message.Value, false).IsValid),
            expected.DeadLetterOffsets.Count);
        Assert.True(log.Malformed > 0);
        Assert.Equal(expected.DeadLetterOffsets.Order(), actual.DeadLetterOffsets.Distinct().Order());
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    private static RunResult Run(EventLog log, Random random, int crashes, bool liveArrival)
    {
        var collector = new InMemoryCollector();
        var crashesLeft = crashes;
        var metrics = new StreamReadMetrics();
        while (true)
        {
            // Restore a task from what reached the changelog, and resume at its marker's offsets.
            var restored = collector.Restore(Topics.Changelog);
            var task = new PartitionTask(0, Topics, ReadStateStore.Restore(restored, Model), restored.MaxEpoch + 1,
                restored.LatestMarker, TimeProvider.System, metrics);
            var resumeAt = restored.LatestMarker?.NextOffsets ?? new Dictionary<string, long>();
            // As the processor does after a restore: the replay's order need not be the crashed run's.
            var inputs = log.Records.GroupBy(r => r.Topic).ToDictionary(g => g.Key, g => g.ToList());
            task.RestateAfterReplay(
                inputs.ToDictionary(p => p.Key, p => p.Value[^1].Offset.Value + 1),
                inputs.ToDictionary(p => p.Key, p => resumeAt.GetValueOrDefault(p.Key)));
            // Records arrive per input in chunks of random size, and an input with nothing buffered
            // is passed over (the consumer does not know of more yet): the three inputs interleave
            // differently in every run, as they do live.
            var arriving = inputs.Select(p => new Queue<ConsumeResult<byte[], byte[]>>(
                p.Value.Where(r => r.Offset.Value >= resumeAt.GetValueOrDefault(p.Key)))).ToList();
            void Arrive()
            {
                foreach (var queue in arriving)
                {
                    for (var n = liveArrival ? random.Next(0, 40) : queue.Count; n > 0 && queue.Count > 0; n--)
                    {
                        task.Enqueue(queue.Dequeue());
                    }
                }
            }

            var coordinator = new FlushCoordinator(collector, offsets => collector.Commits.Add(offsets), () => null!, metrics);
            if (crashesLeft > 0)
            {
                collector.CrashAfter(random.Next(1, 400));
            }

            try
            {
                // As the processor loop does: the next batch is applied and prepared while the
                // previous flush's acknowledgements and marker are still in flight (a crash there
                // loses it in memory); it is sent once the previous flush completed.
                PendingFlush? pending = null;
                Arrive();
                while (task.Buffered > 0 || arriving.Any(q => q.Count > 0))
                {
                    task.Process(random.Next(1, 60), _ => true);
                    Arrive();
                    var next = coordinator.Prepare([task]);
                    if (pending is not null)
                    {
                        coordinator.Complete(pending);
                    }

                    if (next is not null)
                    {
                        coordinator.Start(next, CancellationToken.None);
                    }

                    pending = next;
                }

                if (pending is not null)
                {
                    coordinator.Complete(pending);
                }

                collector.CrashAfter(long.MaxValue);
                return Result(task, collector);
            }
            catch (SimulatedCrash)
            {
                crashesLeft--;
                collector.CrashAfter(long.MaxValue);
            }
        }
    }

    private static RunResult Result(PartitionTask task, InMemoryCollector collector)
    {
        var receipts = new ReceiptProjection();
        foreach (var record in collector.Log(Topics.Receipts))
        {
            receipts.Apply(ContractsSerializer.DeserializeReceiptUpdate(record.Value));
        }

        var deadLetters = collector.Log(Topics.DeadLetter)
            .Select(r => ContractsSerializer.DeserializeDeadLetterRecord(r.Value).Offset)
            .ToList();
        return new RunResult(task.Store, receipts, deadLetters);
    }

    private static SortedDictionary<string, string> Describe(ReadStateStore store)
    {
        var described = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var state in store.Conversations)
        {
            var text = new StringBuilder($"v{state.Version} last {state.LastSeq} n {state.KnownMessageCount} direct {state.IsDirect}\n");
            for (var seq = 1; seq <= state.LastSeq; seq++)
            {
                if (state.GetReceipt(seq) is { } receipt)
                {
                    text.Append($"  {seq}: {receipt.Read}/{receipt.Eligible}\n");
                }
            }

            foreach (var member in state.Members.OrderBy(m => m.UserId, StringComparer.Ordinal))
            {
                text.Append($"  {member}\n");
            }

            described[state.ConversationId] = text.ToString();
        }

        return described;
    }

    private sealed record RunResult(ReadStateStore Store, ReceiptProjection Receipts, List<long> DeadLetterOffsets);
}
