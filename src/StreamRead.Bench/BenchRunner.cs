using System.Diagnostics;
using StreamRead.Bench.Infrastructure;
using StreamRead.Bench.Reporting;
using StreamRead.Bench.Scenarios;

namespace StreamRead.Bench;

/// <summary>
/// Runs the benchmark scenarios of docs/benchmarks.md in one process: starts a dev broker (or uses
/// the given cluster) and a local Redis, runs each scenario (baseline and StreamRead side by side),
/// prints progress and the table, writes <c>bench.json</c> and <c>bench.md</c>, and stops
/// everything it started.
/// </summary>
public static class BenchRunner
{
    private static readonly IBenchScenario[] All =
    [
        new CeilingScenario(),
        new GroupSizeScenario(),
        new LatencyScenario(),
        new StateMemoryScenario(),
        new RestoreScenario(),
        new NaiveDesignScenario(),
        new RedisSinkScenario(),
    ];

    /// <summary>The scenario names, in run order.</summary>
    public static IReadOnlyList<string> ScenarioNames { get; } = [.. All.Select(s => s.Name)];

    /// <summary>Runs the selected scenarios; a failing scenario is reported and the others still run.</summary>
    /// <exception cref="ArgumentException">An <see cref="BenchOptions.Only"/> name is not a scenario.</exception>
    /// <exception cref="BenchBrokerException">The cluster of <see cref="BenchOptions.BootstrapServers"/> does not answer.</exception>
    public static async Task<BenchReport> RunAsync(BenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var unknown = options.Only.Where(n => !ScenarioNames.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown scenario(s) {string.Join(", ", unknown)}: choose from {string.Join(", ", ScenarioNames)}", nameof(options));
        }

        var selected = options.Only.Count == 0 ? All : All.Where(s => options.Only.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        var kafka = options.BootstrapServers is null ? "starting a dev broker" : $"on the Kafka cluster at {options.BootstrapServers}";
        progress.WriteLine($"streamread bench{(options.Quick ? " --quick" : "")}: {string.Join(", ", selected.Select(s => s.Name))}; {kafka} and a local Redis");
        var results = new List<ScenarioResult>();
        Dictionary<string, string> machine;
        await using (var services = await BenchServices.StartAsync(options.BootstrapServers, progress, cancellationToken))
        {
            machine = MachineInfo.Describe($"{services.RedisConnection.GetServer(services.Redis.Endpoint).Version} (redis-server, no persistence)", services.Broker.Description);
            foreach (var scenario in selected)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var context = new BenchContext(services, options.Quick, progress, clock, scenario.Name);
                var started = clock.Elapsed;
                context.Progress($"{scenario.Title}");
                string? error = null;
                try
                {
                    await scenario.RunAsync(context, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    error = $"{e.GetType().Name}: {e.Message}";
                    context.Progress($"FAILED: {error}");
                }

                results.Add(new ScenarioResult(scenario.Name, scenario.Title, context.Figures, context.Notes, clock.Elapsed - started, error));
            }
        }

        var report = new BenchReport(machine, options.Command, options.Quick, startedAt, clock.Elapsed, results);
        if (options.OutputDirectory is { } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "bench.json"), ReportWriter.ToJson(report), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "bench.md"), ReportWriter.ToMarkdown(report), cancellationToken);
        }

        return report;
    }
}
