namespace StreamRead.Chaos;

/// <summary>What one scenario did and found. A run passes when nothing was lost, doubled or wrong.</summary>
/// <param name="Scenario">The scenario (<see cref="ChaosScenarios"/>).</param>
/// <param name="Events">Input records (or requests, or outputs scanned) the scenario handled.</param>
/// <param name="Faults">The faults injected, in words (e.g. "20 SIGKILLs").</param>
/// <param name="Lost">Input records missing from Redis (versions below the oracle's) plus analytics facts missing from ClickHouse.</param>
/// <param name="Doubled">Input records applied twice (versions above the oracle's) plus analytics facts stored or counted twice.</param>
/// <param name="Wrong">Answers (Redis, API, dead letters, privacy findings, 5xx responses) that differ from what they must be.</param>
/// <param name="DeadLetters">Dead letters found, when the scenario produced invalid input.</param>
/// <param name="Elapsed">Wall time of the scenario.</param>
/// <param name="Problems">The first problems found, in words; empty when the scenario passed.</param>
public sealed record ChaosResult(
    string Scenario,
    long Events,
    string Faults,
    long Lost,
    long Doubled,
    long Wrong,
    long? DeadLetters,
    TimeSpan Elapsed,
    IReadOnlyList<string> Problems)
{
    /// <summary>Nothing lost, nothing doubled, nothing wrong.</summary>
    public bool Passed => Lost == 0 && Doubled == 0 && Wrong == 0 && Problems.Count == 0;
}
