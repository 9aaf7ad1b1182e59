using System.Text.RegularExpressions;
using StreamRead.Analytics.Queries;
using StreamRead.Analytics.Schema;
using StreamRead.ClickHouse.Migrations;
using StreamRead.IntegrationTests.Analytics.Support;
using StreamRead.IntegrationTests.Fixtures;

using Xunit;

namespace StreamRead.IntegrationTests.Analytics;

/// <summary>The analytics schema on the test ClickHouse (18.16 locally): versioned, idempotent, and in step with the code.</summary>
public sealed partial class AnalyticsSchemaTests(ClickHouseServerFixture clickHouse)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_migrations_apply_once_and_every_statement_can_run_again_after_a_failure_half_way()
    {
        var client = clickHouse.Client(clickHouse.NewDatabaseName());
        var migrator = new ClickHouseMigrator(client);

        var first = await migrator.ApplyAsync(AnalyticsSchema.Migrations, Cancel);
        var second = await migrator.ApplyAsync(AnalyticsSchema.Migrations, Cancel);
        // ClickHouse has no transactions: a migration that failed half-way runs again from its start.
        foreach (var statement in AnalyticsSchema.Migrations.SelectMany(m => SqlStatements.Split(m.Sql)))
        {
            await client.ExecuteAsync(statement, Cancel);
        }

        var tables = await client.QueryAsync("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name", r => r.GetProperty("name").GetString()!, Cancel);
        Assert.Equal(AnalyticsSchema.Migrations.Select(m => m.Version), first.Select(m => m.Version));
        Assert.Empty(second);
        Assert.Equal(
            AnalyticsSchema.Migrations.SelectMany(m => CreatedPattern().Matches(m.Sql).Select(match => match.Groups["name"].Value)).Append(ClickHouseMigrator.HistoryTable).Order(StringComparer.Ordinal),
            tables);
    }

    [Fact]
    public async Task Every_group_bucket_column_is_an_enum_of_exactly_the_group_size_labels()
    {
        var client = await AnalyticsHarness.CreateDatabaseAsync(clickHouse, Cancel);

        var types = await client.QueryAsync(
            "SELECT table, type FROM system.columns WHERE database = currentDatabase() AND name = 'group_bucket'",
            r => (Table: r.GetProperty("table").GetString()!, Type: r.GetProperty("type").GetString()!), Cancel);

        // The 3 fact tables and 4 rollups, and the materialized views that feed the rollups.
        Assert.Superset(
            new HashSet<string> { "messages_sent", "read_advances", "message_milestones", "read_activity_minute", "read_activity_hour", "read_through_hour", "milestones_hour" },
            types.Select(t => t.Table).ToHashSet());
        Assert.All(types, column => Assert.Equal(
            GroupSizeBucket.Labels,
            EnumLabelPattern().Matches(column.Type).Select(m => m.Groups["label"].Value)));
        Assert.Equal(["1-2", "1-2", "3-10", "3-10", "11-100", "101-1000", "1001-10000", "10001+"],
            new long[] { 0, 2, 3, 10, 11, 1_000, 10_000, 10_001 }.Select(GroupSizeBucket.Of));
    }

    [Fact]
    public async Task Every_query_returns_exactly_its_declared_columns()
    {
        var client = await AnalyticsHarness.CreateDatabaseAsync(clickHouse, Cancel);
        await AnalyticsHarness.WriteAsync(client, AnalyticsHarness.Updates(ReadWorkload.Create(seed: 3), recordsPerFlush: 10), batchSize: 100, Cancel);

        foreach (var query in AnalyticsQueries.All)
        {
            var rows = await client.QueryAsync(query.Render(ExpectedFigures.Range), Cancel);
            Assert.NotEmpty(rows);
            Assert.Equal(query.Columns, rows[0].EnumerateObject().Select(p => p.Name));
        }
    }

    [GeneratedRegex(@"CREATE (?:TABLE|MATERIALIZED VIEW) IF NOT EXISTS (?<name>\w+)")]
    private static partial Regex CreatedPattern();

    [GeneratedRegex(@"'(?<label>[^']+)' = \d+")]
    private static partial Regex EnumLabelPattern();
}
