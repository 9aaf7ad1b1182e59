namespace StreamRead.Bench;

/// <summary>What <see cref="BenchRunner"/> runs and where it writes.</summary>
public sealed class BenchOptions
{
    /// <summary>Reduced sizes: every figure in well under a minute, for smoke tests (figures are not comparable).</summary>
    public bool Quick { get; init; }

    /// <summary>Scenario names to run (<see cref="BenchRunner.ScenarioNames"/>); every scenario when empty.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Folder for <c>bench.json</c> and <c>bench.md</c>; nothing is written when null.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The command line to print in the report (how to reproduce it).</summary>
    public string Command { get; init; } = "./streamread bench";
}
