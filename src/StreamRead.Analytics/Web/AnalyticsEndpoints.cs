using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using StreamRead.Analytics.Queries;
using StreamRead.ClickHouse;

namespace StreamRead.Analytics.Web;

/// <summary>
/// The <c>/analytics</c> page and the JSON it draws from: the page and its script are embedded in
/// this assembly (plain SVG charts, nothing loaded from elsewhere), the data are the results of
/// <see cref="AnalyticsQueries"/>. Needs <c>AddStreamReadAnalytics()</c>.
/// </summary>
public static class AnalyticsEndpoints
{
    /// <summary>The longest range a request may ask for.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    private static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);

    /// <summary>
    /// Maps <c>GET /analytics</c> (the page), <c>GET /analytics/api/queries</c> (the query list) and
    /// <c>GET /analytics/api/queries/{id}?from=&amp;to=</c> (one query's rows; ISO 8601 or Unix
    /// seconds, default the last 24 h). Returns the group, so the host can add authorization.
    /// </summary>
    public static RouteGroupBuilder MapStreamReadAnalytics(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/analytics").WithTags("Analytics");
        group.MapGet("", () => PageAsset.Result("analytics.html")).ExcludeFromDescription(); // also answers /analytics/
        group.MapGet("/analytics.js", () => PageAsset.Result("analytics.js")).ExcludeFromDescription();
        group.MapGet("/analytics.css", () => PageAsset.Result("analytics.css")).ExcludeFromDescription();
        group.MapGet("/api/queries", ListQueries).WithSummary("The dashboard queries: id, title, what each measures, columns.");
        group.MapGet("/api/queries/{id}", RunQueryAsync).WithSummary("One dashboard query's rows for a time range.");
        return group;
    }

    private static JsonHttpResult<IReadOnlyList<QueryInfo>> ListQueries() =>
        TypedResults.Json(
            (IReadOnlyList<QueryInfo>)AnalyticsQueries.All.Select(q => new QueryInfo(q.Id, q.Title, q.Description, q.Columns, q.UsesRange)).ToList(),
            AnalyticsWebJsonContext.Default.IReadOnlyListQueryInfo);

    private static async Task<Results<JsonHttpResult<QueryResult>, ProblemHttpResult>> RunQueryAsync(
        string id, string? from, string? to, [FromServices] AnalyticsReader reader, CancellationToken cancellationToken)
    {
        var query = AnalyticsQueries.Find(id);
        if (query is null)
        {
            return TypedResults.Problem(
                $"no analytics query is named '{id}': GET /analytics/api/queries lists them", statusCode: StatusCodes.Status404NotFound);
        }

        var now = DateTimeOffset.UtcNow;
        if (!TryParseTime(to, now, out var end) || !TryParseTime(from, end - DefaultRange, out var start))
        {
            return TypedResults.Problem(
                "from and to must be ISO 8601 times (e.g. 2026-11-22T10:00:00Z) or Unix seconds", statusCode: StatusCodes.Status400BadRequest);
        }

        if (start >= end || end - start > MaxRange)
        {
            return TypedResults.Problem(
                $"from must be before to, at most {MaxRange.TotalDays.ToString(CultureInfo.InvariantCulture)} days earlier",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var range = new TimeRange(start, end);
        try
        {
            var table = await reader.RunAsync(query, range, cancellationToken);
            return TypedResults.Json(
                new QueryResult(query.Id, query.Title, query.Description, range.From, range.To, query.Columns, table.Rows),
                AnalyticsWebJsonContext.Default.QueryResult);
        }
        catch (ClickHouseException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "ClickHouse is not available");
        }
    }

    private static bool TryParseTime(string? text, DateTimeOffset fallback, out DateTimeOffset time)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            time = fallback;
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_800)
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
