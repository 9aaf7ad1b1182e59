namespace StreamRead.Chaos;

/// <summary>
/// Two processor instances share the partitions; one is killed with SIGKILL. After the session
/// timeout its partitions move to the survivor, which restores them from the changelog; the end
/// state equals an uninterrupted run's.
/// </summary>
internal static class FailoverScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var records = context.Workload("f-", Math.Max(100, o.Events / 4), seedOffset: 1);
        var oracle = Oracle.From(records, ScenarioContext.Model);
        context.Events = records.Count;
        await using var pipeline = await ChaosPipeline.StartAsync(context.Environment, "failover", o.Partitions, context.CancellationToken);
        var survivor = pipeline.StartProcessor();
        await ChaosPipeline.WaitForAssignmentAsync(survivor, TimeSpan.FromMinutes(2), context.CancellationToken);
        var victim = pipeline.StartProcessor();
        await ChaosPipeline.WaitForAssignmentAsync(victim, TimeSpan.FromMinutes(2), context.CancellationToken);
        context.Say($"{survivor.Instance} and {victim.Instance} share the partitions");

        // The first half goes in two steps, each waited for in Redis. A task sends nothing of a
        // batch before the previous batch's marker is stored, so once the second step is visible
        // the first step's batches are committed: the victim's tasks then have state to restore.
        // (One step alone races the kill against the markers, which follow the visible outputs.)
        var quarter = records.Count / 4;
        var half = 2 * quarter;
        foreach (var end in new[] { quarter, half })
        {
            pipeline.Produce(records[(end - quarter)..end]);
            var upTo = Oracle.From(records[..end], ScenarioContext.Model);
            await pipeline.WaitForVersionsAsync(upTo.Conversations.ToDictionary(c => c.Key, c => c.Value.Version), o.CatchUpTimeout, context.CancellationToken);
        }

        victim.Kill();
        context.Say($"SIGKILL of {victim.Instance}");
        pipeline.Produce(records[half..]);
        await context.VerifyAsync(pipeline, oracle, analytics: true);

        var all = $"assigned tasks [{string.Join(", ", Enumerable.Range(0, o.Partitions))}]";
        var tookOver = survivor.Lines().Reverse().FirstOrDefault(l => l.Contains("assigned tasks [", StringComparison.Ordinal))?.Contains(all, StringComparison.Ordinal) == true;
        var restored = survivor.Lines().Count(l => l.Contains(": restored ", StringComparison.Ordinal) && !l.Contains(": restored 0 conversations", StringComparison.Ordinal));
        context.Faults = $"1 of 2 instances SIGKILLed, {restored} tasks restored";
        if (!tookOver || restored == 0)
        {
            context.Findings.AddProblem($"{survivor.Instance} did not take over every partition with restored state:\n{survivor.Tail()}");
        }
    }
}
