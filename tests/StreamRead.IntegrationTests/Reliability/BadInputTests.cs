using StreamRead.Chaos;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.IntegrationTests.Processor;
using StreamRead.IntegrationTests.Reliability.Support;
using Xunit;

namespace StreamRead.IntegrationTests.Reliability;

/// <summary>
/// 10,000 fuzzed records among valid ones (SPEC 1): every valid record is applied, every invalid one
/// is dead-lettered once with the reason it deserves and its original bytes, the processor never
/// stops; the API answers malformed requests with 4xx, never 5xx, with authentication on.
/// </summary>
[Collection(ProcessorTests.Collection)]
public sealed class BadInputTests(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task Ten_thousand_fuzzed_records_are_applied_when_valid_and_dead_lettered_with_their_reason_when_not()
    {
        var options = ChaosHarness.Small(ChaosScenarios.BadInput);
        options.Partitions = 8; // room for the 1 MiB records' dead letters on the dev broker

        var result = await ChaosHarness.RunAsync(kafka, options);

        Assert.Equal(options.Events / 10 + options.FuzzRecords, result.Events);
        Assert.InRange(result.DeadLetters!.Value, options.FuzzRecords / 2, options.FuzzRecords);
    }

    [Fact]
    public async Task Malformed_API_requests_get_4xx_never_5xx_with_authentication_on()
    {
        var options = ChaosHarness.Small(ChaosScenarios.ApiFuzz);

        var result = await ChaosHarness.RunAsync(kafka, options);

        Assert.Equal(options.ApiRequests, result.Events);
    }
}
