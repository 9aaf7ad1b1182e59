using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamRead.Analytics.Schema;
using StreamRead.ClickHouse;
using StreamRead.Contracts.Analytics;
using StreamRead.Runtime.Sinks;

namespace StreamRead.Analytics.Sink;

/// <summary>
/// Writes batches of <c>streamread.analytics</c> updates to ClickHouse, each fact once (SPEC 2.7).
/// The rollups are materialized views, which see every inserted block: a fact inserted twice
/// would count twice there even though its ReplacingMergeTree table merges it away. So before
/// inserting, the writer asks which facts of the batch are stored already (by natural key) and
/// inserts only the others. A retried batch (ClickHouse down, a crash before the offset commit)
/// and a processor's re-emitted flush are therefore absorbed; badges simply replace by version.
/// </summary>
/// <remarks>
/// Residual risk, documented in docs/analytics.md: ClickHouse writes a table and its views one
/// after the other, so a server crash inside one insert can leave facts without their rollup
/// share; and two sink instances writing the same fact at the same moment (only during a consumer
/// rebalance) can both insert it. The fact tables stay exact in both cases.
/// </remarks>
internal sealed class ClickHouseAnalyticsWriter(ClickHouseClient client, ILogger<ClickHouseAnalyticsWriter>? logger = null)
    : IBatchWriter<AnalyticsUpdate>
{
    // Characters of key tuples per lookup: far below ClickHouse's max_query_size (256 KiB).
    private const int MaxKeysSqlLength = 100_000;

    private readonly ILogger _logger = logger ?? NullLogger<ClickHouseAnalyticsWriter>.Instance;

    public async Task WriteAsync(IReadOnlyList<AnalyticsUpdate> batch, CancellationToken cancellationToken)
    {
        var rows = AnalyticsRows.From(batch);

        // Messages (the read-through denominators) first. Whatever an earlier, failed attempt of
        // this batch stored is found by the lookups and skipped.
        var messages = await InsertNewAsync(FactTables.Messages, rows.Messages, cancellationToken);
        var advances = await InsertNewAsync(FactTables.ReadAdvances, rows.ReadAdvances, cancellationToken);
        var milestones = await InsertNewAsync(FactTables.Milestones, rows.Milestones, cancellationToken);
        if (rows.Badges.Count > 0)
        {
            await client.InsertJsonEachRowAsync(AnalyticsSchema.UnreadBadges, rows.Badges, AnalyticsRowsJsonContext.Default.BadgeRow, cancellationToken);
        }

        Log.BatchWritten(_logger, batch.Count, messages, advances, milestones, rows.Badges.Count,
            rows.Messages.Count + rows.ReadAdvances.Count + rows.Milestones.Count - messages - advances - milestones);
    }

    /// <summary>Inserts the rows whose key is not stored yet; returns how many it inserted.</summary>
    private async Task<int> InsertNewAsync<TRow>(FactTable<TRow> table, List<TRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var stored = await StoredKeysAsync(table, rows, cancellationToken);
        var fresh = stored.Count == 0 ? rows : rows.Where(r => !stored.Contains(table.KeyOf(r))).ToList();
        if (fresh.Count > 0)
        {
            await client.InsertJsonEachRowAsync(table.Name, fresh, table.TypeInfo, cancellationToken);
        }

        return fresh.Count;
    }

    private async Task<HashSet<string>> StoredKeysAsync<TRow>(FactTable<TRow> table, List<TRow> rows, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        var chunk = new List<TRow>();
        var length = 0;
        foreach (var row in rows)
        {
            chunk.Add(row);
            length += table.KeyOf(row).Length + 2;
            if (length >= MaxKeysSqlLength)
            {
                await LookUpAsync(chunk);
                chunk.Clear();
                length = 0;
            }
        }

        if (chunk.Count > 0)
        {
            await LookUpAsync(chunk);
        }

        return stored;

        async Task LookUpAsync(List<TRow> keys)
        {
            // The time bounds let ClickHouse skip every month the chunk does not touch.
            var sql = table.StoredKeysQuery(keys.Select(table.KeyOf), keys.Min(table.TimeOf), keys.Max(table.TimeOf));
            foreach (var row in await client.QueryAsync(sql, cancellationToken))
            {
                stored.Add(table.KeyOf(row));
            }
        }
    }
}
