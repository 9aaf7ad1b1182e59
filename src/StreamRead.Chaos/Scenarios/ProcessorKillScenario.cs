namespace StreamRead.Chaos;

/// <summary>
/// The processor killed with SIGKILL at random points of the workload and restarted each time: every
/// restart restores its tasks from the changelog and resumes from the last batch marker. Redis, the
/// API and ClickHouse must end as an uninterrupted run: nothing lost, nothing applied twice (SPEC 2.7).
/// </summary>
internal static class ProcessorKillScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var records = context.Workload("k-", o.Events);
        var oracle = Oracle.From(records, ScenarioContext.Model);
        context.Events = records.Count;
        await using var pipeline = await ChaosPipeline.StartAsync(context.Environment, "kill", o.Partitions, context.CancellationToken);
        var conversations = oracle.Conversations.Keys.ToList();
        var portions = records.Chunk((records.Count / (o.Kills + 1)) + 1).ToList();
        var processor = pipeline.StartProcessor();
        var kills = 0;
        for (var portion = 0; portion < portions.Count; portion++)
        {
            await ChaosPipeline.WaitForAssignmentAsync(processor, TimeSpan.FromMinutes(2), context.CancellationToken);
            var before = await pipeline.TotalVersionAsync(conversations);
            pipeline.Produce(portions[portion]);
            if (kills == o.Kills)
            {
                continue; // the last portions run to the end
            }

            // Killed while applying the portion: after it made progress, at a random moment.
            if (!await context.WaitUntilAsync(async () => await pipeline.TotalVersionAsync(conversations) > before || processor.HasExited, TimeSpan.FromMinutes(2)))
            {
                context.Findings.AddProblem($"no progress within 2 min after producing portion {portion + 1}; processor log:\n{processor.Tail()}");
                break;
            }

            await Task.Delay(context.Random.Next(0, 400), context.CancellationToken);
            if (processor.HasExited)
            {
                context.Findings.AddProblem($"processor {processor.Instance} exited by itself (code {processor.ExitCode}):\n{processor.Tail()}");
            }

            processor.Kill();
            kills++;
            context.Say($"SIGKILL {kills}/{o.Kills} of {processor.Instance}");
            processor = pipeline.StartProcessor();
        }

        await context.VerifyAsync(pipeline, oracle, analytics: true);
        var restored = pipeline.Processors.Skip(1).Count(p => p.Lines().Any(l =>
            l.Contains(": restored ", StringComparison.Ordinal) && !l.Contains(": restored 0 conversations", StringComparison.Ordinal)));
        context.Faults = $"{kills} SIGKILLs, {restored} restores";
        if (restored < kills)
        {
            context.Findings.AddProblem($"only {restored} of {kills} restarted processors restored state: the kills did not hit work");
        }
    }
}
