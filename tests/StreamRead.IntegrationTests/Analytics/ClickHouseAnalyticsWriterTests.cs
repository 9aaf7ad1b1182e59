using StreamRead.Analytics.Sink;
using StreamRead.Contracts.Analytics;
using StreamRead.Contracts.Events;
using StreamRead.IntegrationTests.Analytics.Support;
using StreamRead.IntegrationTests.Fixtures;

using Xunit;

namespace StreamRead.IntegrationTests.Analytics;

/// <summary>Edge cases of the sink's writer that the workload does not reach.</summary>
public sealed class ClickHouseAnalyticsWriterTests(ClickHouseServerFixture clickHouse)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Times_beyond_what_a_ClickHouse_DateTime_holds_are_clamped_instead_of_stopping_the_sink()
    {
        var client = await AnalyticsHarness.CreateDatabaseAsync(clickHouse, Cancel);
        var farFuture = new DateTimeOffset(2300, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var farPast = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var update = new AnalyticsUpdate("g-odd", 3, ConversationKind.Group, 3, 2, farFuture)
        {
            Messages = [new AnalyticsMessage(1, "a", ConversationKind.Group, farPast, 2), new AnalyticsMessage(2, "a", ConversationKind.Group, farFuture, 2)],
            ReadAdvances = [new AnalyticsReadAdvance("b", 0, 2, 2, ReadAdvanceCause.Read, false, 3, farFuture, 0)],
        };

        await new ClickHouseAnalyticsWriter(client).WriteAsync([update, update], Cancel);

        var sent = await client.QueryAsync("SELECT toUInt32(sent_at) AS t FROM messages_sent ORDER BY seq", r => r.GetProperty("t").GetInt64(), Cancel);
        var read = await client.QueryScalarAsync("SELECT toUInt32(read_at) FROM read_advances", Cancel);
        Assert.Equal([0L, uint.MaxValue], sent);
        Assert.Equal(uint.MaxValue, read!.Value.GetInt64());
    }
}
