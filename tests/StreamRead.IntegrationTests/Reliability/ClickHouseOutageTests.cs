using StreamRead.Chaos;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.IntegrationTests.Processor;
using StreamRead.IntegrationTests.Reliability.Support;
using Xunit;

namespace StreamRead.IntegrationTests.Reliability;

/// <summary>
/// ClickHouse stopped for 10 s mid-run: the sink retries and commits nothing it did not write, so
/// every fact is stored once and every rollup counts it once (docs/analytics.md, de-duplication).
/// </summary>
[Collection(ProcessorTests.Collection)]
public sealed class ClickHouseOutageTests(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task ClickHouse_down_for_10_seconds_mid_run_loses_nothing_and_doubles_nothing()
    {
        var result = await ChaosHarness.RunAsync(kafka, ChaosHarness.Small(ChaosScenarios.ClickHouseOutage));

        // The scenario also fails when the sink never noticed the outage.
        Assert.StartsWith("10 s outage", result.Faults, StringComparison.Ordinal);
    }
}
