using StreamRead.ClickHouse;
using StreamRead.ClickHouse.Migrations;
using StreamRead.IntegrationTests.Fixtures;
using Xunit;

namespace StreamRead.IntegrationTests.ClickHouse;

public sealed class ClickHouseMigratorTests(ClickHouseServerFixture clickHouse)
{
    private static readonly ClickHouseMigration[] Migrations =
    [
        ClickHouseMigration.FromFile("0001_create_events.sql", """
            -- two statements; the ';' inside the string must not split
            CREATE TABLE IF NOT EXISTS events (id UInt64, note String DEFAULT 'a;b') ENGINE = MergeTree ORDER BY id;
            CREATE TABLE IF NOT EXISTS counts (id UInt64, n UInt64) ENGINE = SummingMergeTree ORDER BY id;
            """),
        // Not idempotent on purpose: a second run would insert the row twice.
        ClickHouseMigration.FromFile("0002_seed.sql", "INSERT INTO events (id, note) VALUES (1, 'seed')"),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Applying_twice_runs_each_migration_once_and_records_it_once()
    {
        var client = clickHouse.Client(clickHouse.NewDatabaseName());
        var migrator = new ClickHouseMigrator(client);

        var first = await migrator.ApplyAsync(Migrations, Cancel);
        var second = await migrator.ApplyAsync(Migrations, Cancel);
        var recorded = await client.QueryAsync(
            "SELECT version FROM schema_migrations ORDER BY version", row => row.GetProperty("version").GetInt32(), Cancel);
        var seeded = await client.QueryScalarAsync("SELECT count() FROM events", Cancel);

        Assert.Equal([1, 2], first.Select(m => m.Version));
        Assert.Empty(second);
        Assert.Equal([1, 2], recorded);
        Assert.Equal(1, seeded!.Value.GetInt64());
    }

    [Fact]
    public async Task A_new_migration_is_applied_after_the_recorded_ones()
    {
        var client = clickHouse.Client(clickHouse.NewDatabaseName());
        var migrator = new ClickHouseMigrator(client);
        await migrator.ApplyAsync(Migrations, Cancel);

        var third = ClickHouseMigration.FromFile("0003_more.sql", "INSERT INTO events (id, note) VALUES (2, 'more')");
        var applied = await migrator.ApplyAsync([.. Migrations, third], Cancel);
        var events = await client.QueryScalarAsync("SELECT count() FROM events", Cancel);

        Assert.Equal([3], applied.Select(m => m.Version));
        Assert.Equal(2, events!.Value.GetInt64());
    }

    [Fact]
    public async Task An_applied_migration_that_changed_is_refused()
    {
        var client = clickHouse.Client(clickHouse.NewDatabaseName());
        var migrator = new ClickHouseMigrator(client);
        await migrator.ApplyAsync(Migrations, Cancel);
        var edited = Migrations[1] with { Sql = "INSERT INTO events (id, note) VALUES (1, 'edited')" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => migrator.ApplyAsync([Migrations[0], edited], Cancel));

        Assert.Contains("migration 2 (seed) changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_migration_keeps_the_earlier_ones_and_runs_again_next_time()
    {
        var client = clickHouse.Client(clickHouse.NewDatabaseName());
        var migrator = new ClickHouseMigrator(client);
        var broken = ClickHouseMigration.FromFile("0002_broken.sql", "CREATE TABLE oops (id UInt64) ENGINE = NoSuchEngine");

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => migrator.ApplyAsync([Migrations[0], broken], Cancel));
        var fixedUp = ClickHouseMigration.FromFile("0002_broken.sql", "CREATE TABLE IF NOT EXISTS oops (id UInt64) ENGINE = MergeTree ORDER BY id");
        var retried = await migrator.ApplyAsync([Migrations[0], fixedUp], Cancel);

        Assert.NotNull(error.Code);
        Assert.Equal([2], retried.Select(m => m.Version));
    }

    [Fact]
    public async Task Duplicate_versions_are_refused_before_anything_runs()
    {
        var database = clickHouse.NewDatabaseName();
        var migrator = new ClickHouseMigrator(clickHouse.Client(database));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => migrator.ApplyAsync(
            [ClickHouseMigration.FromFile("0001_a.sql", "SELECT 1"), ClickHouseMigration.FromFile("01_b.sql", "SELECT 2")], Cancel));
        var exists = await clickHouse.Client("default").QueryScalarAsync(
            $"SELECT count() FROM system.databases WHERE name = {ClickHouseSql.StringLiteral(database)}", Cancel);

        Assert.Contains("version 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, exists!.Value.GetInt64());
    }
}
