namespace StreamRead.Chaos;

/// <summary>
/// Redis keeps nothing: it is stopped mid-run (the sink retries), restarted empty, and later
/// flushed while the pipeline is idle. The sink notices the missing epoch marker each time and the
/// processors re-emit every conversation's full state (docs/design.md, "Rebuilding the serving
/// store"): Redis and the API end as an uninterrupted run.
/// </summary>
internal static class RedisLossScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var records = context.Workload("r-", Math.Max(100, o.Events / 4), seedOffset: 2);
        var oracle = Oracle.From(records, ScenarioContext.Model);
        context.Events = records.Count;
        var redis = context.Environment.Redis;
        await using var pipeline = await ChaosPipeline.StartAsync(context.Environment, "redis", o.Partitions, context.CancellationToken);
        var portions = records.Chunk((records.Count / 4) + 1).ToList();
        pipeline.StartProcessor();

        pipeline.Produce(portions[0]);
        var first = Oracle.From(portions[0], ScenarioContext.Model);
        await pipeline.WaitForVersionsAsync(first.Conversations.ToDictionary(c => c.Key, c => c.Value.Version), o.CatchUpTimeout, context.CancellationToken);

        await redis.StopAsync(context.CancellationToken);
        context.Say("Redis stopped");
        pipeline.Produce(portions[1]);
        if (!await context.WaitUntilAsync(() => Task.FromResult(pipeline.Log.Count("redis-sink: writing") > 0), TimeSpan.FromMinutes(1)))
        {
            context.Findings.AddProblem("the Redis sink did not notice that Redis was down");
        }

        await redis.StartAsync(context.CancellationToken);
        context.Say("Redis restarted empty");
        pipeline.Produce(portions[2]);
        var three = Oracle.From(portions.Take(3).SelectMany(p => p), ScenarioContext.Model);
        await pipeline.WaitForVersionsAsync(three.Conversations.ToDictionary(c => c.Key, c => c.Value.Version), o.CatchUpTimeout, context.CancellationToken);

        // Everything lost again while nothing is produced: only the idle check can notice.
        var rebuilds = pipeline.Guard.RebuildsRequested;
        await pipeline.Redis.GetDatabase().ExecuteAsync("FLUSHALL");
        context.Say("Redis flushed while idle");
        if (!await context.WaitUntilAsync(() => Task.FromResult(pipeline.Guard.RebuildsRequested > rebuilds), TimeSpan.FromMinutes(1)))
        {
            context.Findings.AddProblem("the sink did not notice that Redis was flushed");
        }

        await pipeline.WaitForVersionsAsync(three.Conversations.ToDictionary(c => c.Key, c => c.Value.Version), o.CatchUpTimeout, context.CancellationToken);
        pipeline.Produce(portions[3]);
        await context.VerifyAsync(pipeline, oracle, analytics: false);
        context.Faults = $"restart empty + FLUSHALL, {pipeline.Guard.RebuildsRequested} rebuilds";
        if (pipeline.Guard.RebuildsRequested < 3)
        {
            context.Findings.AddProblem($"{pipeline.Guard.RebuildsRequested} rebuilds requested, expected 3 (start, restart, flush)");
        }
    }
}
