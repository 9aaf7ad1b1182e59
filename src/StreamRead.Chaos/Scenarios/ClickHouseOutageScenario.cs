namespace StreamRead.Chaos;

/// <summary>
/// ClickHouse stopped for <see cref="ChaosOptions.ClickHouseOutage"/> while records keep coming: the
/// sink retries with back-off and commits nothing it did not write, so afterwards every fact is
/// stored once and every rollup counts it once.
/// </summary>
internal static class ClickHouseOutageScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var records = context.Workload("h-", Math.Max(100, o.Events / 4), seedOffset: 3);
        var oracle = Oracle.From(records, ScenarioContext.Model);
        context.Events = records.Count;
        var clickHouse = context.Environment.ClickHouse;
        await using var pipeline = await ChaosPipeline.StartAsync(context.Environment, "clickhouse", o.Partitions, context.CancellationToken);
        var portions = records.Chunk((records.Count / 4) + 1).ToList();
        pipeline.StartProcessor();
        pipeline.Produce(portions[0]);
        await pipeline.WaitForVersionsAsync(Oracle.From(portions[0], ScenarioContext.Model).Conversations.ToDictionary(c => c.Key, c => c.Value.Version),
            o.CatchUpTimeout, context.CancellationToken);

        var down = DateTime.UtcNow;
        await clickHouse.StopAsync(context.CancellationToken);
        context.Say($"ClickHouse stopped for {o.ClickHouseOutage.TotalSeconds:0} s");
        pipeline.Produce(portions[1]);
        await Task.Delay(o.ClickHouseOutage / 2, context.CancellationToken);
        pipeline.Produce(portions[2]);
        var left = o.ClickHouseOutage - (DateTime.UtcNow - down);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, context.CancellationToken);
        }

        await clickHouse.StartAsync(context.CancellationToken);
        context.Say($"ClickHouse back after {(DateTime.UtcNow - down).TotalSeconds:0.0} s");
        pipeline.Produce(portions[3]);
        await context.VerifyAsync(pipeline, oracle, analytics: true);
        var failedWrites = pipeline.Log.Count("clickhouse-sink: writing");
        context.Faults = $"{o.ClickHouseOutage.TotalSeconds:0} s outage, {failedWrites} failed writes retried";
        if (failedWrites == 0)
        {
            context.Findings.AddProblem("the ClickHouse sink never failed a write: the outage did not hit it");
        }
    }
}
