using StreamRead.Chaos;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.IntegrationTests.Processor;
using StreamRead.IntegrationTests.Reliability.Support;
using Xunit;

namespace StreamRead.IntegrationTests.Reliability;

/// <summary>
/// Users who only ever read privately, looked for in every output (SPEC 2.6, 2.8): receipts topic,
/// Redis sets, API reader lists, other users' SSE streams, dashboard queries. Only their own badge
/// carries their position.
/// </summary>
[Collection(ProcessorTests.Collection)]
public sealed class PrivacyTests(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task Private_readers_never_appear_in_any_output_but_their_own_badges()
    {
        var result = await ChaosHarness.RunAsync(kafka, ChaosHarness.Small(ChaosScenarios.Privacy));

        Assert.True(result.Events > 100, $"only {result.Events} outputs scanned");
    }
}
