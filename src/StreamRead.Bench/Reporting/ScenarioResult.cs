namespace StreamRead.Bench.Reporting;

/// <summary>What one scenario measured: its figures, the limit they hit (from the measurements), and its run time.</summary>
/// <param name="Scenario">The scenario's name (as <c>--only</c> takes it).</param>
/// <param name="Title">What it measures, in a few words.</param>
/// <param name="Figures">The figures, in the order the table shows them.</param>
/// <param name="Notes">Which limit each figure hits and why, with the numbers that show it.</param>
/// <param name="Elapsed">How long the scenario ran.</param>
/// <param name="Error">Why the scenario failed, or null.</param>
public sealed record ScenarioResult(
    string Scenario, string Title, IReadOnlyList<BenchFigure> Figures, IReadOnlyList<string> Notes, TimeSpan Elapsed, string? Error = null);
