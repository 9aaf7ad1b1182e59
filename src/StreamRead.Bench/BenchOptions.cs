namespace StreamRead.Bench;

/// <summary>What <see cref="BenchRunner"/> runs and where it writes.</summary>
public sealed class BenchOptions
{
    /// <summary>The environment variable naming a cluster to run on: the one the integration tests read.</summary>
    public const string BootstrapVariable = "STREAMREAD_KAFKA_BOOTSTRAP";

    /// <summary>Reduced sizes: every figure in well under a minute, for smoke tests (figures are not comparable).</summary>
    public bool Quick { get; init; }

    /// <summary>Scenario names to run (<see cref="BenchRunner.ScenarioNames"/>); every scenario when empty.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Folder for <c>bench.json</c> and <c>bench.md</c>; nothing is written when null.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>
    /// Bootstrap servers (<c>host:port[,...]</c>) of a running Kafka cluster to run on; null starts the
    /// in-process dev broker. Redis is started locally either way.
    /// </summary>
    public string? BootstrapServers { get; init; }

    /// <summary>The command line to print in the report (how to reproduce it).</summary>
    public string Command { get; init; } = "./streamread bench";

    /// <summary>
    /// The cluster to run on: <paramref name="option"/> (<c>--bootstrap-servers</c>) when given, else
    /// <paramref name="variable"/> (<see cref="BootstrapVariable"/>'s value); null, the dev broker,
    /// when both are empty.
    /// </summary>
    public static string? ResolveBootstrapServers(string? option, string? variable) =>
        !string.IsNullOrWhiteSpace(option) ? option.Trim()
        : !string.IsNullOrWhiteSpace(variable) ? variable.Trim()
        : null;
}
