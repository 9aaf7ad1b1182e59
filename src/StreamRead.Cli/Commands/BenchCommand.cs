using System.CommandLine;
using StreamRead.Bench;
using StreamRead.Bench.Reporting;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread bench</c>: the end-to-end benchmarks of docs/benchmarks.md on a dev broker and a
/// local Redis the command starts itself (and stops), or on a given Kafka cluster
/// (<c>--bootstrap-servers</c>, or <c>STREAMREAD_KAFKA_BOOTSTRAP</c>) with the local Redis: prints
/// progress, then the table of figures with their targets, and writes bench.json and bench.md.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var only = new Option<string[]>("--only")
        {
            Description = $"Scenarios to run, comma-separated: {string.Join(", ", BenchRunner.ScenarioNames)} (default: all)",
            AllowMultipleArgumentsPerToken = true,
        };
        var quick = new Option<bool>("--quick") { Description = "Reduced sizes: every figure in well under a minute (a smoke test; figures are not comparable)" };
        var output = new Option<DirectoryInfo?>("--output")
        {
            Description = "Folder for bench.json and bench.md (default .streamread/bench)",
        };
        var bootstrap = new Option<string?>("--bootstrap-servers")
        {
            HelpName = "host:port[,...]",
            Description = "Run on this Kafka cluster instead of an in-process dev broker: topics get names unique to the run " +
                $"and are deleted at the end; Redis is still started locally (default: ${BenchOptions.BootstrapVariable}, else the dev broker)",
        };
        var command = new Command(
            "bench",
            "Measure throughput against the broker's limit, group-size scaling, latency, state memory and restore, writes against " +
            "a one-row-per-member-per-message design, and the Redis sink against redis-benchmark (docs/benchmarks.md). " +
            "Runs on an in-process dev broker, or on a Kafka cluster with --bootstrap-servers.")
        {
            only, quick, output, bootstrap,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var names = (parse.GetValue(only) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var unknown = names.Where(n => !BenchRunner.ScenarioNames.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
            {
                throw new CliException($"--only {string.Join(",", unknown)}: no such scenario; choose from {string.Join(", ", BenchRunner.ScenarioNames)}");
            }

            var servers = BenchOptions.ResolveBootstrapServers(parse.GetValue(bootstrap), Environment.GetEnvironmentVariable(BenchOptions.BootstrapVariable));
            var folder = parse.GetValue(output)?.FullName ?? Path.Combine(RepositoryRoot(), ".streamread", "bench");
            var console = parse.InvocationConfiguration.Output;
            BenchReport report;
            try
            {
                report = await BenchRunner.RunAsync(
                    new BenchOptions
                    {
                        Quick = parse.GetValue(quick),
                        Only = names,
                        OutputDirectory = folder,
                        BootstrapServers = servers,
                        Command = "./streamread bench" + (names.Count > 0 ? $" --only {string.Join(",", names)}" : "") + (parse.GetValue(quick) ? " --quick" : "") +
                            (servers is null ? "" : $" --bootstrap-servers {servers}"),
                    },
                    console,
                    cancellationToken);
            }
            catch (BenchBrokerException e)
            {
                throw new CliException(e.Message, e);
            }

            console.WriteLine();
            console.WriteLine(ReportWriter.ToText(report));
            console.WriteLine($"figures written to {Path.Combine(folder, "bench.json")} and bench.md ({report.Elapsed.TotalSeconds:0} s)");
            return report.HasErrors ? 1 : 0;
        });
        return command;
    }

    /// <summary>The folder holding StreamRead.sln above the current one, else the current folder.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "StreamRead.sln")))
            {
                return folder.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
