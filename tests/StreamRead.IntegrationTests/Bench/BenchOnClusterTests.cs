using Confluent.Kafka;
using StreamRead.Bench;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.IntegrationTests.Processor;
using Xunit;

namespace StreamRead.IntegrationTests.Bench;

/// <summary>
/// The bench on a given cluster (<see cref="BenchOptions.BootstrapServers"/>): a quick scenario on the
/// fixture's real Kafka, with topics the bench creates through the admin client and deletes at the end.
/// </summary>
[Collection(ProcessorTests.Collection)]
public sealed class BenchOnClusterTests(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task A_scenario_on_a_given_cluster_writes_its_figures_and_deletes_its_topics()
    {
        kafka.SkipOnMock("admin CreateTopics and DeleteTopics time out");
        using var admin = new AdminClientBuilder(kafka.ClientConfigs.CreateAdminClientConfig()).Build();
        var before = BenchTopics(admin);
        using var progress = new StringWriter();

        var report = await BenchRunner.RunAsync(
            new BenchOptions { Quick = true, Only = ["restore"], BootstrapServers = kafka.BootstrapServers }, progress, TestContext.Current.CancellationToken);

        var scenario = Assert.Single(report.Scenarios);
        Assert.True(scenario.Error is null, $"{scenario.Error}\n{progress}");
        Assert.NotEmpty(scenario.Figures);
        Assert.All(scenario.Figures, f => Assert.True(double.IsFinite(f.Value) && f.Value > 0, $"{f.Name} = {f.Value}"));
        Assert.StartsWith($"cluster at {kafka.BootstrapServers}, ", report.Machine["Kafka"], StringComparison.Ordinal);
        Assert.DoesNotContain("could not delete", progress.ToString(), StringComparison.Ordinal);

        // Deletion completes on the controller first; the brokers' metadata follows shortly after.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (BenchTopics(admin).Except(before).Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Empty(BenchTopics(admin).Except(before));
    }

    private static HashSet<string> BenchTopics(IAdminClient admin) =>
        [.. admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic).Where(t => t.StartsWith("bench-", StringComparison.Ordinal))];
}
