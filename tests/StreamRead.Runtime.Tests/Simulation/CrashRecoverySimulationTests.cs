using System.Text;
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
/// a history with flushes of random size, applying each batch while the previous flush is in
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
    public void Crashes_at_random_points_end_in_the_state_of_an_uninterrupted_run(int seed)
    {
        var log = EventLog.Generate(seed, Topics, conversations: 6, events: 600);

        var expected = Run(log, new Random(seed), crashes: 0);
        var actual = Run(log, new Random(seed + 1), crashes: 8);

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

    private static RunResult Run(EventLog log, Random random, int crashes)
    {
        var collector = new InMemoryCollector();
        var crashesLeft = crashes;
        var metrics = new StreamReadMetrics();
        while (true)
        {
            // Restore a task from what reached the changelog, and resume at its marker's offsets.
            var restorer = new ChangelogRestorer();
            foreach (var record in collector.Log(Topics.Changelog))
            {
                restorer.Add(record.Key!, record.Value, record.Batch!.Value);
            }

            var restored = restorer.Complete();
            var task = new PartitionTask(0, Topics, ReadStateStore.Restore(restored, Model), restored.MaxEpoch + 1,
                restored.LatestMarker, TimeProvider.System, metrics);
            var resumeAt = restored.LatestMarker?.NextOffsets ?? new Dictionary<string, long>();
            foreach (var record in log.Records.Where(r => r.Offset.Value >= resumeAt.GetValueOrDefault(r.Topic)))
            {
                task.Enqueue(record);
            }

            var coordinator = new FlushCoordinator(collector, offsets => collector.Commits.Add(offsets), () => null!, metrics);
            if (crashesLeft > 0)
            {
                collector.CrashAfter(random.Next(1, 400));
            }

            try
            {
                // As the processor loop does: the next batch is applied while the previous flush's
                // acknowledgements and marker are still in flight (a crash there loses it in memory).
                PendingFlush? pending = null;
                while (task.Buffered > 0)
                {
                    task.Process(random.Next(1, 60), _ => true);
                    if (pending is not null)
                    {
                        coordinator.Complete(pending);
                    }

                    pending = coordinator.Begin([task], CancellationToken.None);
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
