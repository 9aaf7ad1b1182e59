namespace StreamRead.Chaos;

/// <summary>
/// The API under random and malformed requests, with authentication on as deployed: 4xx for what
/// is wrong, never a 5xx, never a hang; then the answers of valid requests still equal the oracle.
/// </summary>
internal static class ApiFuzzScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var records = context.Workload("a-", Math.Max(100, o.Events / 20), seedOffset: 6);
        var oracle = Oracle.From(records, ScenarioContext.Model);
        await using var pipeline = await ChaosPipeline.StartAsync(context.Environment, "api", o.Partitions, context.CancellationToken);
        pipeline.StartProcessor();
        pipeline.Produce(records);
        await pipeline.WaitForVersionsAsync(oracle.Conversations.ToDictionary(c => c.Key, c => c.Value.Version), o.CatchUpTimeout, context.CancellationToken);

        var statuses = await ApiFuzzer.RunAsync(pipeline, oracle, o.ApiRequests, context.Findings, context.Random, context.CancellationToken);
        context.Say("answers by status: " + string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        context.Events = o.ApiRequests;
        context.Faults = $"{o.ApiRequests} malformed requests, {statuses.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value)} answered 4xx";
        await context.VerifyAsync(pipeline, oracle, analytics: false);
    }
}
