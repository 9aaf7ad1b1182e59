using System.Diagnostics;

namespace StreamRead.Chaos;

/// <summary>
/// Runs chaos scenarios one after the other on one <see cref="ChaosEnvironment"/> and reports each
/// one's figures (docs/reliability.md). A scenario that throws is reported as failed, with the
/// error, and the next one still runs.
/// </summary>
public static class ChaosRunner
{
    /// <summary>Runs the scenarios of <paramref name="options"/>.</summary>
    /// <param name="environment">The services to break.</param>
    /// <param name="options">Which scenarios, how big.</param>
    /// <param name="progress">Where each step is reported as it happens.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<IReadOnlyList<ChaosResult>> RunAsync(ChaosEnvironment environment, ChaosOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var results = new List<ChaosResult>();
        foreach (var scenario in options.Scenarios)
        {
            progress.WriteLine($"{scenario}:");
            var result = await RunAsync(scenario, environment, options, progress, cancellationToken);
            progress.WriteLine($"  {(result.Passed ? "passed" : "FAILED")}: lost {result.Lost}, doubled {result.Doubled}, wrong {result.Wrong} in {result.Elapsed:m\\:ss}");
            foreach (var problem in result.Problems)
            {
                progress.WriteLine($"  - {problem}");
            }

            results.Add(result);
        }

        return results;
    }

    /// <summary>Runs one scenario (a name of <see cref="ChaosScenarios"/>).</summary>
    public static async Task<ChaosResult> RunAsync(string scenario, ChaosEnvironment environment, ChaosOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var context = new ScenarioContext(environment, options, progress, cancellationToken);
        var clock = Stopwatch.StartNew();
        try
        {
            await (scenario switch
            {
                ChaosScenarios.ProcessorKills => ProcessorKillScenario.RunAsync(context),
                ChaosScenarios.Failover => FailoverScenario.RunAsync(context),
                ChaosScenarios.RedisLoss => RedisLossScenario.RunAsync(context),
                ChaosScenarios.ClickHouseOutage => ClickHouseOutageScenario.RunAsync(context),
                ChaosScenarios.BadInput => BadInputScenario.RunAsync(context),
                ChaosScenarios.ApiFuzz => ApiFuzzScenario.RunAsync(context),
                ChaosScenarios.Privacy => PrivacyScenario.RunAsync(context),
                _ => throw new ArgumentException($"unknown scenario {scenario}", nameof(scenario)),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Findings.AddProblem($"the scenario stopped: {e.GetType().Name}: {e.Message}");
        }

        return context.Findings.ToResult(scenario, context.Events, context.Faults, context.DeadLetters, clock.Elapsed);
    }
}
