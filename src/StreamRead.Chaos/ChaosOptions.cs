namespace StreamRead.Chaos;

/// <summary>The size of a chaos run (<c>streamread chaos</c>; the in-suite tests use small ones).</summary>
public sealed class ChaosOptions
{
    /// <summary>The scenarios <c>streamread chaos</c> knows, in the order it runs them.</summary>
    public static readonly IReadOnlyList<string> AllScenarios =
        [ChaosScenarios.ProcessorKills, ChaosScenarios.Failover, ChaosScenarios.RedisLoss, ChaosScenarios.ClickHouseOutage, ChaosScenarios.BadInput, ChaosScenarios.ApiFuzz, ChaosScenarios.Privacy];

    /// <summary>Which scenarios to run (names of <see cref="ChaosScenarios"/>).</summary>
    public IReadOnlyList<string> Scenarios { get; set; } = AllScenarios;

    /// <summary>Valid input events of the main workload.</summary>
    public int Events { get; set; } = 200_000;

    /// <summary>SIGKILLs of the processor in <see cref="ChaosScenarios.ProcessorKills"/>.</summary>
    public int Kills { get; set; } = 20;

    /// <summary>Conversations of the workload.</summary>
    public int Conversations { get; set; } = 1_000;

    /// <summary>Users of the workload (u0, u1, ...).</summary>
    public int Users { get; set; } = 400;

    /// <summary>Users who only ever read privately (p0, p1, ...): the privacy scan looks for them.</summary>
    public int PrivateReaders { get; set; } = 40;

    /// <summary>Partitions of the input, changelog, receipts, analytics and dead-letter topics.</summary>
    public int Partitions { get; set; } = 16;

    /// <summary>Fuzzed records of <see cref="ChaosScenarios.BadInput"/> (valid and invalid).</summary>
    public int FuzzRecords { get; set; } = 10_000;

    /// <summary>
    /// Records of 1 MiB among them. Each also becomes a 1.4 MB dead letter; they go to distinct
    /// partitions, and at most two per partition fit the dev broker's 5 MiB.
    /// </summary>
    public int HugeRecords { get; set; } = 10;

    /// <summary>Random requests of <see cref="ChaosScenarios.ApiFuzz"/>.</summary>
    public int ApiRequests { get; set; } = 5_000;

    /// <summary>How long ClickHouse stays down in <see cref="ChaosScenarios.ClickHouseOutage"/>.</summary>
    public TimeSpan ClickHouseOutage { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Seeds every random choice, so a run can be repeated.</summary>
    public int Seed { get; set; } = 20261124;

    /// <summary>How long a scenario may wait for the pipeline to catch up before it counts what is missing.</summary>
    public TimeSpan CatchUpTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Validates the sizes; the message says what to fix.</summary>
    public void Validate()
    {
        var unknown = Scenarios.Except(AllScenarios).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown scenario(s) {string.Join(", ", unknown)}: choose from {string.Join(", ", AllScenarios)}");
        }

        if (Events < 100 || Conversations < 1 || Users < 2 || PrivateReaders < 1 || Partitions < 1 || Kills < 1 || FuzzRecords < 10
            || HugeRecords < 0 || HugeRecords > Math.Min(FuzzRecords, 2 * Partitions) || ApiRequests < 1 || ClickHouseOutage <= TimeSpan.Zero)
        {
            throw new ArgumentException("chaos sizes out of range: events >= 100, conversations >= 1, users >= 2, private readers >= 1, " +
                "partitions >= 1, kills >= 1, fuzz records >= 10, 0 <= huge records <= min(fuzz records, 2 x partitions), API requests >= 1, outage > 0");
        }
    }
}
