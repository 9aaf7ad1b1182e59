using System.Text.Json;

namespace StreamRead.Analytics.Queries;

/// <summary>The result of one <see cref="AnalyticsQuery"/>: rows of values in <see cref="AnalyticsQuery.Columns"/> order.</summary>
/// <param name="Query">The query that produced it.</param>
/// <param name="Range">The time range it ran for.</param>
/// <param name="Rows">
/// One array per row, one value per column, as ClickHouse's JSON output has them: numbers as
/// numbers, times as <c>"YYYY-MM-DD hh:mm:ss"</c> (UTC), days as <c>"YYYY-MM-DD"</c>, missing
/// percentiles as null.
/// </param>
public sealed record AnalyticsTable(AnalyticsQuery Query, TimeRange Range, IReadOnlyList<JsonElement[]> Rows)
{
    /// <summary>The numbers of <paramref name="column"/>, one per row (null where ClickHouse had none).</summary>
    public IReadOnlyList<double?> Numbers(string column)
    {
        var index = IndexOf(column);
        return Rows.Select(r => r[index].ValueKind == JsonValueKind.Number ? r[index].GetDouble() : (double?)null).ToArray();
    }

    /// <summary>The texts of <paramref name="column"/>, one per row (times, days, labels).</summary>
    public IReadOnlyList<string> Texts(string column)
    {
        var index = IndexOf(column);
        return Rows.Select(r => r[index].ValueKind == JsonValueKind.String ? r[index].GetString()! : r[index].GetRawText()).ToArray();
    }

    private int IndexOf(string column)
    {
        var index = Query.Columns.ToList().IndexOf(column);
        return index >= 0
            ? index
            : throw new ArgumentException($"query {Query.Id} has no column '{column}' (it has {string.Join(", ", Query.Columns)})", nameof(column));
    }
}
