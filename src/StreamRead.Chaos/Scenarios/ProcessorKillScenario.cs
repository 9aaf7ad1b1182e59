using System.Diagnostics;

namespace StreamRead.Chaos;

/// <summary>
/// The processor killed with SIGKILL at random points of a workload that keeps flowing, and
/// restarted each time: every restart restores its tasks from the changelog (discarding a batch the
/// kill cut short) and resumes from the last batch marker. Redis, the API and ClickHouse must end as
/// an uninterrupted run: nothing lost, nothing applied twice (SPEC 2.7).
/// </summary>
internal static class ProcessorKillScenario
{
    /// <summary>How long the workload flows per kill: time to restart, restore and work before the next one.</summary>
    private static readonly TimeSpan ProductionPerKill = TimeSpan.FromSeconds(12);

    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var records = context.Workload("k-", o.Events);
        var oracle = Oracle.From(records, ScenarioContext.Model);
        context.Events = records.Count;
        await using var pipeline = await ChaosPipeline.StartAsync(context.Environment, "kill", o.Partitions, context.CancellationToken);
        var processor = pipeline.StartProcessor();
        await ChaosPipeline.WaitForAssignmentAsync(processor, TimeSpan.FromMinutes(2), context.CancellationToken);

        // The gateways keep producing while the processor dies and restarts: kills hit restores,
        // backlogs and flushes alike.
        var production = Task.Run(() => ProduceSteadily(pipeline, records, ProductionPerKill * o.Kills, context.CancellationToken));
        for (var kill = 1; kill <= o.Kills; kill++)
        {
            await ChaosPipeline.WaitForAssignmentAsync(processor, TimeSpan.FromMinutes(2), context.CancellationToken);
            await Task.Delay(context.Random.Next(0, 3_000), context.CancellationToken);
            if (processor.HasExited)
            {
                context.Findings.AddProblem($"processor {processor.Instance} exited by itself (code {processor.ExitCode}):\n{processor.Tail()}");
            }

            processor.Kill();
            context.Say($"SIGKILL {kill}/{o.Kills} of {processor.Instance}");
            processor = pipeline.StartProcessor();
        }

        await production;
        await context.VerifyAsync(pipeline, oracle, analytics: true);
        var restores = pipeline.Processors.Skip(1).Select(p => p.Lines().Where(l => l.Contains(": restored ", StringComparison.Ordinal)).ToList()).ToList();
        // A restart found the kill's work when its tasks restored conversations, or discarded a batch
        // the kill cut short (a kill during the very first flush restores nothing, yet hit work).
        static bool Discarded(string line) =>
            line.Contains(" discarded from an unfinished batch", StringComparison.Ordinal) && !line.Contains("(0 discarded", StringComparison.Ordinal);
        var restored = restores.Count(lines => lines.Any(l => !l.Contains(": restored 0 conversations", StringComparison.Ordinal) || Discarded(l)));
        var cutShort = restores.Count(lines => lines.Any(Discarded));
        context.Faults = $"{o.Kills} SIGKILLs, {restored} restores, {cutShort} mid-flush";
        if (restored < o.Kills)
        {
            context.Findings.AddProblem($"only {restored} of {o.Kills} restarted processors restored or discarded state: the kills did not hit work");
        }
    }

    /// <summary>Produces the records in small chunks spread evenly over <paramref name="duration"/>.</summary>
    private static void ProduceSteadily(ChaosPipeline pipeline, List<InputRecord> records, TimeSpan duration, CancellationToken cancellationToken)
    {
        var chunks = records.Chunk(Math.Max(1, (int)(records.Count / (duration.TotalSeconds * 10)))).ToList();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < chunks.Count; i++)
        {
            pipeline.Produce(chunks[i]);
            var due = duration * (i + 1) / chunks.Count - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                cancellationToken.WaitHandle.WaitOne(due);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
