using StreamRead.IntegrationTests.Fixtures;
using StreamRead.IntegrationTests.Processor.Support;
using StreamRead.Model;
using Xunit;

namespace StreamRead.IntegrationTests.Processor;

/// <summary>
/// The processor as separate processes: killed with SIGKILL mid-stream and restarted, or sharing
/// the partitions with a second instance that stops. The serving state must end exactly as an
/// uninterrupted run's (SPEC 2.7): same counts, readers and badges, and the same versions, which
/// count records applied, so nothing was lost or applied twice.
/// </summary>
[Collection(ProcessorTests.Collection)]
public sealed class ProcessorFailoverTests(KafkaClusterFixture kafka, RedisServerFixture redis)
{
    private static readonly ModelOptions Model = new();

    [Fact]
    public async Task A_processor_killed_at_random_points_and_restarted_ends_in_the_state_of_an_uninterrupted_run()
    {
        await using var pipeline = await Pipeline.CreateAsync(kafka, redis, "sigkill");
        var history = Histories.ScriptedInAnyOrder("g-script")
            .Concat(Histories.Random(seed: 11, "g-kill-", conversations: 20, users: 25, events: 8_000, Histories.Start.AddHours(2)))
            .ToList();
        var expected = ExpectedServingState.From(history, Model);
        pipeline.StartRedisSink();
        var random = new Random(20261123);
        var portions = history.Chunk((history.Count / 6) + 1).ToList();
        var processors = new List<CliProcess> { pipeline.StartProcessorProcess("k0") };
        for (var kill = 1; kill <= 5; kill++)
        {
            // Each processor gets a portion of the traffic once it owns the tasks, and is killed
            // with SIGKILL while applying it (no flush, no commit, no leaving the group).
            var processor = processors[^1];
            await WaitForAsync(() => Task.FromResult(processor.LogTail(10_000).Contains("assigned tasks [0", StringComparison.Ordinal)), processor, "an assignment");
            var before = await TotalVersionAsync(pipeline, expected.Conversations.Keys);
            pipeline.Produce(portions[kill - 1]);
            await WaitForAsync(async () => await TotalVersionAsync(pipeline, expected.Conversations.Keys) > before, processor, "progress in Redis");
            await Task.Delay(random.Next(0, 300), TestContext.Current.CancellationToken);
            Assert.False(processor.HasExited, $"the processor exited by itself:\n{processor.LogTail()}");
            processor.Kill();
            processors.Add(pipeline.StartProcessorProcess($"k{kill}"));
        }

        pipeline.Produce(portions[5]);
        await pipeline.WaitForVersionsAsync(expected.Versions, TimeSpan.FromSeconds(120));
        await ServingStateAssert.MatchesAsync(pipeline, expected);

        // The restarted processors rebuilt state from the changelog: the kills hit real work.
        var restoredSomething = processors.Skip(1).Count(p => p.LogTail(10_000).Split('\n')
            .Any(l => l.Contains(": restored ", StringComparison.Ordinal) && !l.Contains(": restored 0 conversations", StringComparison.Ordinal)));
        Assert.True(restoredSomething >= 4, $"only {restoredSomething} of 5 restarted processors restored state");
        await processors[^1].StopAsync();
        Assert.Equal(0, processors[^1].ExitCode);
    }

    /// <summary>The sum of every conversation's version in Redis: grows with every record the pipeline applied.</summary>
    private static async Task<long> TotalVersionAsync(Pipeline pipeline, IEnumerable<string> conversations)
    {
        var database = pipeline.Redis.GetDatabase();
        var versions = await Task.WhenAll(conversations.Select(c => database.HashGetAsync(pipeline.Keys.Meta(c), "version")));
        return versions.Sum(v => v.IsNull ? 0L : (long)v);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, CliProcess process, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 90 s for {what}; processor log:\n{process.LogTail()}");
            Assert.False(process.HasExited, $"the processor exited while waiting for {what}:\n{process.LogTail()}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Two_instances_share_the_partitions_and_the_survivor_takes_over_when_one_stops()
    {
        await using var pipeline = await Pipeline.CreateAsync(kafka, redis, "two", partitions: 4);
        var first = Histories.Random(seed: 3, "g-two-", conversations: 16, users: 20, events: 3_000, Histories.Start);
        var second = Histories.Random(seed: 4, "g-two-", conversations: 16, users: 20, events: 3_000, Histories.Start.AddHours(1));
        pipeline.StartRedisSink();
        var a = pipeline.StartProcessorProcess("a");
        var b = pipeline.StartProcessorProcess("b");

        pipeline.Produce(first);
        await pipeline.WaitForVersionsAsync(ExpectedServingState.From(first, Model).Versions, TimeSpan.FromSeconds(90));
        Assert.Contains("assigned tasks [", SharedAssignment(a), StringComparison.Ordinal);
        Assert.Contains("assigned tasks [", SharedAssignment(b), StringComparison.Ordinal);

        await b.StopAsync();
        Assert.Equal(0, b.ExitCode);
        pipeline.Produce(second);
        var expected = ExpectedServingState.From(first.Concat(second), Model);
        await pipeline.WaitForVersionsAsync(expected.Versions, TimeSpan.FromSeconds(90));
        await ServingStateAssert.MatchesAsync(pipeline, expected);
        Assert.Contains("assigned tasks [0, 1, 2, 3]", a.LogTail(10_000), StringComparison.Ordinal);
    }

    /// <summary>The log line of an assignment that gave the instance some but not all four tasks.</summary>
    private static string SharedAssignment(CliProcess process)
    {
        var lines = process.LogTail(10_000).Split('\n').Where(l => l.Contains("assigned tasks [", StringComparison.Ordinal)).ToList();
        return lines.FirstOrDefault(l => !l.Contains("assigned tasks []", StringComparison.Ordinal) && !l.Contains("[0, 1, 2, 3]", StringComparison.Ordinal))
            ?? $"no shared assignment in:\n{string.Join('\n', lines)}\n{process.LogTail()}";
    }
}
