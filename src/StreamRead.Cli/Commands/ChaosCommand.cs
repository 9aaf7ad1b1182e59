using System.CommandLine;
using System.Globalization;
using StreamRead.Chaos;
using StreamRead.LocalServices;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread chaos</c>: the full-size fault-injection run of docs/reliability.md on local
/// services of its own (dev broker, Redis, ClickHouse, processors as child processes): SIGKILLs,
/// a failover, Redis lost, ClickHouse down, fuzzed input, fuzzed API requests and a privacy scan,
/// each compared with the model applied once. Prints a table; exits 1 when a scenario failed.
/// </summary>
internal static class ChaosCommand
{
    public static Command Create()
    {
        var defaults = new ChaosOptions();
        var scenarios = new Option<string[]>("--scenario")
        {
            Description = $"Run only these scenarios (repeatable): {string.Join(", ", ChaosOptions.AllScenarios)}",
            AllowMultipleArgumentsPerToken = true,
        };
        var events = new Option<int>("--events") { Description = "Valid events of the main workload", DefaultValueFactory = _ => defaults.Events };
        var kills = new Option<int>("--kills") { Description = "SIGKILLs of the processor", DefaultValueFactory = _ => defaults.Kills };
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic (the dev broker keeps 5 MiB each)", DefaultValueFactory = _ => defaults.Partitions };
        var conversations = new Option<int>("--conversations") { Description = "Conversations of the workload", DefaultValueFactory = _ => defaults.Conversations };
        var fuzz = new Option<int>("--fuzz") { Description = "Fuzzed input records", DefaultValueFactory = _ => defaults.FuzzRecords };
        var requests = new Option<int>("--api-requests") { Description = "Malformed API requests", DefaultValueFactory = _ => defaults.ApiRequests };
        var outage = new Option<int>("--outage-seconds") { Description = "How long ClickHouse stays down", DefaultValueFactory = _ => (int)defaults.ClickHouseOutage.TotalSeconds };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice", DefaultValueFactory = _ => defaults.Seed };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder for the servers' data and the processors' logs (default .streamread/chaos-<time>, kept)" };
        var command = new Command("chaos", "Fault injection: SIGKILL the processor, lose Redis, stop ClickHouse, fuzz the input and the API, scan for private readers; " +
            "compare everything with the model applied once and print the figures.")
        {
            scenarios, events, kills, partitions, conversations, fuzz, requests, outage, seed, data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ChaosOptions
            {
                Scenarios = parse.GetValue(scenarios) is { Length: > 0 } chosen ? chosen : ChaosOptions.AllScenarios,
                Events = parse.GetValue(events),
                Kills = parse.GetValue(kills),
                Partitions = parse.GetValue(partitions),
                Conversations = parse.GetValue(conversations),
                FuzzRecords = parse.GetValue(fuzz),
                HugeRecords = Math.Min(defaults.HugeRecords, 2 * Math.Max(1, parse.GetValue(partitions))),
                ApiRequests = parse.GetValue(requests),
                ClickHouseOutage = TimeSpan.FromSeconds(parse.GetValue(outage)),
                Seed = parse.GetValue(seed),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, e);
            }

            var folder = parse.GetValue(data)
                ?? new DirectoryInfo(new LocalServicesOptions { DataDirectory = Path.Combine(".streamread", $"chaos-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}") }.ServiceDirectory(""));
            folder.Create();
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"streamread chaos: {string.Join(", ", options.Scenarios)}; {options.Events:N0} events, {options.Kills} kills, " +
                $"{options.Partitions} partitions, {options.FuzzRecords:N0} fuzzed records; logs in {folder.FullName}");
            ChaosEnvironment environment;
            try
            {
                environment = await ChaosEnvironment.StartAsync(typeof(ChaosCommand).Assembly.Location, folder, kafka: null, cancellationToken);
            }
            catch (LocalServiceException e)
            {
                throw new CliException(e.Message, e);
            }

            await using (environment)
            {
                var results = await ChaosRunner.RunAsync(environment, options, output, cancellationToken);
                output.WriteLine();
                output.WriteLine(ChaosTable.Format(results));
                output.WriteLine();
                output.WriteLine($"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; logs in {folder.FullName}");
                return results.All(r => r.Passed) ? 0 : 1;
            }
        });
        return command;
    }
}
