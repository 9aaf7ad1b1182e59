using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StreamRead.ClickHouse.Migrations;

/// <summary>
/// Brings a database's schema up to date: creates the database, then runs, in version order, each
/// migration not yet recorded in <c>schema_migrations</c>, recording it once it succeeded. Running
/// it again applies nothing. Uses only SQL that ClickHouse 18.16 and modern versions both accept.
/// </summary>
/// <remarks>
/// Two migrators running at once may both apply a pending migration: keep scripts idempotent
/// (<c>CREATE ... IF NOT EXISTS</c>) and migrate from one process (the CLI or the host at start).
/// </remarks>
public sealed class ClickHouseMigrator(ClickHouseClient client, ILogger<ClickHouseMigrator>? logger = null)
{
    /// <summary>The table recording applied migrations, in the client's database.</summary>
    public const string HistoryTable = "schema_migrations";

    private readonly ILogger _logger = logger ?? NullLogger<ClickHouseMigrator>.Instance;

    /// <summary>Applies the pending <paramref name="migrations"/> and returns them (empty when the schema was current).</summary>
    /// <exception cref="ArgumentException">Two migrations share a version.</exception>
    /// <exception cref="InvalidOperationException">An applied migration's script has changed since.</exception>
    /// <exception cref="ClickHouseException">A statement failed; the migrations before it stay applied.</exception>
    public async Task<IReadOnlyList<ClickHouseMigration>> ApplyAsync(
        IEnumerable<ClickHouseMigration> migrations, CancellationToken cancellationToken)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToArray();
        var duplicates = ordered.GroupBy(m => m.Version).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicates.Length > 0)
        {
            throw new ArgumentException(
                $"several migrations share version {string.Join(", ", duplicates)}: give each script its own number", nameof(migrations));
        }

        await client.EnsureDatabaseAsync(cancellationToken);
        await client.ExecuteAsync(
            $"""
            CREATE TABLE IF NOT EXISTS {ClickHouseSql.Identifier(HistoryTable)}
            (version UInt32, name String, checksum String, applied_at DateTime)
            ENGINE = MergeTree ORDER BY version
            """,
            cancellationToken);
        var applied = (await client.QueryAsync(
                $"SELECT version, any(checksum) AS checksum FROM {ClickHouseSql.Identifier(HistoryTable)} GROUP BY version",
                row => (Version: row.GetProperty("version").GetInt32(), Checksum: row.GetProperty("checksum").GetString()!),
                cancellationToken))
            .ToDictionary(r => r.Version, r => r.Checksum);

        var newlyApplied = new List<ClickHouseMigration>();
        foreach (var migration in ordered)
        {
            if (applied.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"migration {migration.Version} ({migration.Name}) changed after it was applied to {client.Database}: " +
                        "restore the applied script and put the change in a new migration");
                }

                continue;
            }

            Log.MigrationApplying(_logger, migration.Version, migration.Name, client.Database);
            foreach (var statement in SqlStatements.Split(migration.Sql))
            {
                await client.ExecuteAsync(statement, cancellationToken);
            }

            MigrationRecord[] record =
                [new((uint)migration.Version, migration.Name, migration.Checksum, DateTimeOffset.UtcNow.ToUnixTimeSeconds())];
            await client.InsertJsonEachRowAsync(HistoryTable, record, MigrationJsonContext.Default.MigrationRecord, cancellationToken);
            newlyApplied.Add(migration);
        }

        Log.MigrationsDone(_logger, client.Database, newlyApplied.Count, ordered.Length);
        return newlyApplied;
    }
}
