namespace StreamRead.Bench.Reporting;

/// <summary>The outcome of one <c>streamread bench</c> run.</summary>
/// <param name="Machine">Where it ran (CPU, memory, OS, .NET, librdkafka, Redis).</param>
/// <param name="Command">The command line that produced it.</param>
/// <param name="Quick">Whether it ran the reduced <c>--quick</c> sizes.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="Elapsed">Its run time.</param>
/// <param name="Scenarios">Every scenario's result, in run order.</param>
public sealed record BenchReport(
    IReadOnlyDictionary<string, string> Machine,
    string Command,
    bool Quick,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    IReadOnlyList<ScenarioResult> Scenarios)
{
    /// <summary>Every figure of every scenario.</summary>
    public IEnumerable<BenchFigure> Figures => Scenarios.SelectMany(s => s.Figures);

    /// <summary>Whether any scenario failed (as opposed to missing a target).</summary>
    public bool HasErrors => Scenarios.Any(s => s.Error is not null);
}
