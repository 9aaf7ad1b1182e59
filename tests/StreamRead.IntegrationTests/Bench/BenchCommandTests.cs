using System.Text.Json;
using StreamRead.Bench;
using StreamRead.IntegrationTests.Processor;
using StreamRead.IntegrationTests.Processor.Support;
using Xunit;

namespace StreamRead.IntegrationTests.Bench;

/// <summary>
/// <c>streamread bench --quick</c> end to end: every scenario of docs/benchmarks.md runs on its own
/// dev broker and Redis and writes its figures. No timing is asserted (the figures are the
/// benchmark's, measured by <c>./streamread bench</c>); this keeps the command from rotting.
/// The variable naming a real cluster is blanked, so the dev broker runs when the suite has one
/// (<see cref="BenchOnClusterTests"/> covers that mode).
/// </summary>
[Collection(ProcessorTests.Collection)]
public sealed class BenchCommandTests
{
    private static readonly string[] Scenarios = ["ceiling", "groups", "latency", "memory", "restore", "naive", "sink"];

    private static readonly Dictionary<string, string> OnTheDevBroker = new() { [BenchOptions.BootstrapVariable] = "" };

    [Fact]
    public async Task Bench_quick_runs_every_scenario_and_writes_positive_figures_to_bench_json_and_bench_md()
    {
        var folder = Directory.CreateTempSubdirectory("streamread-bench-");
        await using var bench = CliProcess.Start(["bench", "--quick", "--output", folder.FullName], OnTheDevBroker, "bench");

        var exitCode = await bench.WaitForExitAsync(TimeSpan.FromMinutes(6));

        Assert.True(exitCode == 0, $"bench exited with {exitCode}:\n{bench.LogTail()}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder.FullName, "bench.json"), TestContext.Current.CancellationToken));
        var scenarios = report.RootElement.GetProperty("Scenarios").EnumerateArray().ToList();
        Assert.Equal(Scenarios, scenarios.Select(s => s.GetProperty("Scenario").GetString()));
        foreach (var scenario in scenarios)
        {
            var name = scenario.GetProperty("Scenario").GetString();
            Assert.True(scenario.GetProperty("Error").ValueKind == JsonValueKind.Null, $"{name}: {scenario.GetProperty("Error")}");
            var figures = scenario.GetProperty("Figures").EnumerateArray().ToList();
            Assert.NotEmpty(figures);
            foreach (var figure in figures)
            {
                var value = figure.GetProperty("Value").GetDouble();
                Assert.True(double.IsFinite(value) && value > 0, $"{name} / {figure.GetProperty("Name").GetString()} = {value}");
            }
        }

        Assert.Contains("| scenario | figure | value | target | met |", await File.ReadAllTextAsync(Path.Combine(folder.FullName, "bench.md"), TestContext.Current.CancellationToken));
        // The scenarios' processors run with every topic a deployment has, so they give no advice to create one.
        Assert.DoesNotContain("does not exist", await File.ReadAllTextAsync(bench.LogPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Bench_on_a_cluster_nobody_listens_at_fails_within_seconds_and_says_what_to_check()
    {
        await using var bench = CliProcess.Start(["bench", "--bootstrap-servers", "127.0.0.1:1", "--only", "memory"], OnTheDevBroker, "bench-unreachable");

        var exitCode = await bench.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var log = bench.LogTail();
        Assert.Contains("cannot reach Kafka at 127.0.0.1:1", log, StringComparison.Ordinal);
        Assert.Contains("Connection refused", log, StringComparison.Ordinal);
    }
}
