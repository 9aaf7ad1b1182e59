using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using StreamRead.Analytics.Queries;
using StreamRead.ClickHouse;
using StreamRead.IntegrationTests.Analytics.Support;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.LocalServices;

using Xunit;

namespace StreamRead.IntegrationTests.Analytics;

/// <summary>
/// The ClickHouse sink consuming <c>streamread.analytics</c> from Kafka: it waits out a ClickHouse
/// restart without losing anything, and a replay of the whole topic counts nothing twice.
/// </summary>
public sealed class ClickHouseSinkTests(KafkaClusterFixture kafka, ClickHouseServerFixture clickHouse)
{
    private const int Partitions = 2;
    private static readonly ReadWorkload Workload = ReadWorkload.Create(seed: 7);
    private static readonly ExpectedAnalytics Expected = ExpectedAnalytics.From(Workload);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sink_waits_out_a_ClickHouse_restart_and_loses_nothing()
    {
        if (Environment.GetEnvironmentVariable(ClickHouseServerFixture.EnvironmentVariable) is { Length: > 0 })
        {
            Assert.Skip("stops and starts a ClickHouse server of its own, which needs the local clickhouse-server binary, not a shared server");
        }

        // A server of its own on a fixed port, so the restart keeps its URL and its data.
        var folder = Directory.CreateTempSubdirectory("streamread-restart-");
        var server = new LocalClickHouseServer(new LocalServicesOptions
        {
            DataDirectory = folder.FullName,
            ClickHouse = { HttpPort = FreePort(), TcpPort = 0 },
        });
        try
        {
            await server.StartAsync(Cancel);
            using var http = new HttpClient();
            var client = new ClickHouseClient(http, new ClickHouseOptions { Url = server.HttpUrl, Database = "restart", Timeout = TimeSpan.FromSeconds(5) });
            await new StreamRead.ClickHouse.Migrations.ClickHouseMigrator(client).ApplyAsync(StreamRead.Analytics.Schema.AnalyticsSchema.Migrations, Cancel);
            var topic = kafka.UniqueName("analytics");
            await kafka.CreateTopicAsync(topic, Partitions, cancellationToken: Cancel);
            var updates = AnalyticsHarness.Updates(Workload, recordsPerFlush: 5);
            var half = updates.Count / 2;
            var log = new CapturingLogger();

            await using (AnalyticsSinkRunner.Start(kafka.ClientConfigs, topic, topic + "-sink", client, log))
            {
                AnalyticsSinkRunner.Produce(kafka.ClientConfigs, topic, updates.Take(half));
                await WaitUntilAsync(async () => await CountAsync(client, "read_advances") > 0, "the first facts to arrive", log);

                await server.StopAsync(Cancel);
                AnalyticsSinkRunner.Produce(kafka.ClientConfigs, topic, updates.Skip(half));
                await WaitUntilAsync(() => Task.FromResult(log.Lines.Any(l => l.Level == LogLevel.Warning && l.Text.Contains("failed", StringComparison.Ordinal))),
                    "the sink to fail a write while ClickHouse is down", log);

                await server.StartAsync(Cancel);
                await AnalyticsSinkRunner.WaitForFactsAsync(client, Expected, log, Timeout);
            }

            var tables = await new AnalyticsReader(client).RunAllAsync(AnalyticsQueries.All, ExpectedFigures.Range, Cancel);
            Assert.All(tables, table => ExpectedFigures.AssertMatches(table, Expected));
            Assert.Contains(log.Lines, l => l.Text.Contains("reachable again", StringComparison.Ordinal));
        }
        finally
        {
            await server.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Replaying_the_whole_topic_into_the_same_database_counts_nothing_twice()
    {
        var client = await AnalyticsHarness.CreateDatabaseAsync(clickHouse, Cancel);
        var reader = new AnalyticsReader(client);
        var topic = kafka.UniqueName("analytics");
        await kafka.CreateTopicAsync(topic, Partitions, cancellationToken: Cancel);
        var updates = AnalyticsHarness.Updates(Workload, recordsPerFlush: 5);
        // A processor that crashed after producing re-emits its last flushes: the topic holds them twice.
        AnalyticsSinkRunner.Produce(kafka.ClientConfigs, topic, [.. updates, .. updates.TakeLast(30)]);
        var log = new CapturingLogger();

        await using (AnalyticsSinkRunner.Start(kafka.ClientConfigs, topic, topic + "-first", client, log))
        {
            await AnalyticsSinkRunner.WaitForCommittedEndAsync(kafka.ClientConfigs, topic, topic + "-first", Partitions, Timeout);
        }

        var first = await reader.RunAllAsync(AnalyticsQueries.All, ExpectedFigures.Range, Cancel);

        // A sink whose offsets are gone (a new group, or a reset) reads everything again.
        await using (AnalyticsSinkRunner.Start(kafka.ClientConfigs, topic, topic + "-again", client, log))
        {
            await AnalyticsSinkRunner.WaitForCommittedEndAsync(kafka.ClientConfigs, topic, topic + "-again", Partitions, Timeout);
        }

        var again = await reader.RunAllAsync(AnalyticsQueries.All, ExpectedFigures.Range, Cancel);
        Assert.All(first, table => ExpectedFigures.AssertMatches(table, Expected));
        Assert.Equal(Text(first), Text(again));
        Assert.Equal(Expected.Advances.Count, await CountAsync(client, "read_advances"));
        Assert.Equal(Expected.Messages.Count, await CountAsync(client, "messages_sent"));
    }

    private static async Task<long> CountAsync(ClickHouseClient client, string table) =>
        (await client.QueryScalarAsync($"SELECT count() FROM {table}", Cancel))!.Value.GetInt64();

    private static List<string> Text(IEnumerable<AnalyticsTable> tables) =>
        [.. tables.Select(t => t.Query.Id + ": " + string.Join(" | ", t.Rows.Select(r => string.Join(", ", r.Select(v => v.GetRawText())))))];

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CapturingLogger log)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"gave up waiting for {what} after {Timeout.TotalSeconds:0} s\nlog:\n{log.Tail()}");
            }

            await Task.Delay(100, Cancel);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
