using StreamRead.Chaos;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.IntegrationTests.Processor.Support;
using Xunit;

namespace StreamRead.IntegrationTests.Reliability.Support;

/// <summary>
/// Runs one scenario of <c>streamread chaos</c> (src/StreamRead.Chaos) on the test assembly's Kafka,
/// with a Redis and a ClickHouse of its own (the scenarios stop them) and the CLI built beside the
/// tests as the processor; fails with the scenario's problems and progress when it did not pass.
/// </summary>
internal static class ChaosHarness
{
    /// <summary>Small sizes: each scenario takes seconds to a minute.</summary>
    public static ChaosOptions Small(string scenario) => new()
    {
        Scenarios = [scenario],
        Events = 12_000,
        Kills = 4,
        Conversations = 60,
        Users = 40,
        PrivateReaders = 8,
        Partitions = 4,
        FuzzRecords = 10_000,
        HugeRecords = 4,
        ApiRequests = 2_000,
        ClickHouseOutage = TimeSpan.FromSeconds(10),
        CatchUpTimeout = TimeSpan.FromMinutes(2),
        Seed = 20261124,
    };

    public static async Task<ChaosResult> RunAsync(KafkaClusterFixture kafka, ChaosOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("streamread-chaos-");
        var progress = new StringWriter();
        ChaosResult result;
        await using (var environment = await ChaosEnvironment.StartAsync(
            CliProcess.CliPath, folder, (kafka.BootstrapServers, (name, partitions, ct) => kafka.CreateTopicAsync(name, partitions, cancellationToken: ct)),
            TestContext.Current.CancellationToken))
        {
            result = (await ChaosRunner.RunAsync(environment, options, progress, TestContext.Current.CancellationToken)).Single();
        }

        Assert.True(result.Passed,
            $"{result.Scenario}: lost {result.Lost}, doubled {result.Doubled}, wrong {result.Wrong}\n{string.Join('\n', result.Problems)}\n" +
            $"progress:\n{progress}\nlogs in {folder.FullName}");
        folder.Delete(recursive: true);
        return result;
    }
}
