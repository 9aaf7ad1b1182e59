using System.Globalization;

namespace StreamRead.Analytics.Queries;

/// <summary>
/// One dashboard query of <see cref="AnalyticsQueries"/>: SQL that runs unchanged on ClickHouse
/// 18.16 and current versions, with <c>{from}</c> and <c>{to}</c> standing for the time range.
/// The page, the report and Grafana all render the same text.
/// </summary>
/// <param name="Id">A stable name (snake_case), used in URLs and Grafana panels.</param>
/// <param name="Title">What a chart or table of it is called.</param>
/// <param name="Description">What it measures and how, in one or two sentences.</param>
/// <param name="Columns">The result columns, in order.</param>
/// <param name="Sql">The query; <c>{from}</c> and <c>{to}</c> become DateTime expressions.</param>
public sealed record AnalyticsQuery(string Id, string Title, string Description, IReadOnlyList<string> Columns, string Sql)
{
    /// <summary>False for queries of the current state (the unread backlog), which ignore the range.</summary>
    public bool UsesRange => Sql.Contains("{from}", StringComparison.Ordinal);

    /// <summary>The SQL for <paramref name="range"/> (whole seconds, UTC).</summary>
    public string Render(TimeRange range) =>
        Sql.Replace("{from}", DateTimeLiteral(range.From), StringComparison.Ordinal)
            .Replace("{to}", DateTimeLiteral(range.To), StringComparison.Ordinal);

    /// <summary>The SQL with the time-range macros of Grafana's ClickHouse data source.</summary>
    public string RenderForGrafana() =>
        Sql.Replace("{from}", "$__fromTime", StringComparison.Ordinal).Replace("{to}", "$__toTime", StringComparison.Ordinal);

    private static string DateTimeLiteral(DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"toDateTime({time.ToUnixTimeSeconds()})");
}
