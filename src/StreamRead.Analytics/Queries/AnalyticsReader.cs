using System.Text.Json;
using StreamRead.ClickHouse;

namespace StreamRead.Analytics.Queries;

/// <summary>Runs <see cref="AnalyticsQueries"/> against the analytics database.</summary>
public sealed class AnalyticsReader(ClickHouseClient client)
{
    // ClickHouse's codes for an unknown table or database: the schema is not there yet.
    private const int UnknownTable = 60;
    private const int UnknownDatabase = 81;

    /// <summary>The database the queries read.</summary>
    public string Database => client.Database;

    /// <summary>Runs <paramref name="query"/> for <paramref name="range"/>.</summary>
    /// <exception cref="ClickHouseException">ClickHouse is unreachable or refused the query; a missing schema says how to create it.</exception>
    public async Task<AnalyticsTable> RunAsync(AnalyticsQuery query, TimeRange range, CancellationToken cancellationToken)
    {
        IReadOnlyList<JsonElement> rows;
        try
        {
            rows = await client.QueryAsync(query.Render(range), cancellationToken);
        }
        catch (ClickHouseException e) when (e.Code is UnknownTable or UnknownDatabase)
        {
            throw new ClickHouseException(e.Code,
                $"the analytics tables are missing in database '{client.Database}' at {client.Url}: start the ClickHouse sink " +
                "('streamread sink clickhouse', or 'streamread up'), which creates them. " + e.Message, e);
        }

        return new AnalyticsTable(query, range,
            rows.Select(row => query.Columns.Select(column => row.TryGetProperty(column, out var value) ? value : default).ToArray()).ToArray());
    }

    /// <summary>Runs every query of <paramref name="queries"/> in turn.</summary>
    public async Task<IReadOnlyList<AnalyticsTable>> RunAllAsync(IEnumerable<AnalyticsQuery> queries, TimeRange range, CancellationToken cancellationToken)
    {
        var tables = new List<AnalyticsTable>();
        foreach (var query in queries)
        {
            tables.Add(await RunAsync(query, range, cancellationToken));
        }

        return tables;
    }
}
