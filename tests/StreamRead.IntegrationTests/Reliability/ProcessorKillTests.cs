using StreamRead.Chaos;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.IntegrationTests.Processor;
using StreamRead.IntegrationTests.Reliability.Support;
using Xunit;

namespace StreamRead.IntegrationTests.Reliability;

/// <summary>
/// SIGKILLs of the processor, as <c>streamread chaos</c> runs them at full size (docs/reliability.md):
/// whatever the moment of the kill, restore from the changelog and resume from the batch marker give
/// the state of an uninterrupted run in Redis, in the API's answers and in ClickHouse (SPEC 2.7).
/// </summary>
[Collection(ProcessorTests.Collection)]
public sealed class ProcessorKillTests(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task The_processor_SIGKILLed_at_random_points_and_restarted_loses_and_doubles_nothing_in_Redis_the_API_and_ClickHouse()
    {
        var options = ChaosHarness.Small(ChaosScenarios.ProcessorKills);

        var result = await ChaosHarness.RunAsync(kafka, options);

        Assert.Equal(options.Events, result.Events);
        Assert.StartsWith($"{options.Kills} SIGKILLs, {options.Kills} restores", result.Faults, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_of_two_instances_SIGKILLed_hands_its_partitions_to_the_other_which_restores_them_and_ends_in_the_same_state()
    {
        var result = await ChaosHarness.RunAsync(kafka, ChaosHarness.Small(ChaosScenarios.Failover));

        Assert.Contains("1 of 2 instances SIGKILLed", result.Faults, StringComparison.Ordinal);
    }
}
