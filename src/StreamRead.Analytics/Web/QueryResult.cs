using System.Text.Json;

namespace StreamRead.Analytics.Web;

/// <summary>The answer of <c>GET /analytics/api/queries/{id}</c>: rows of values in <paramref name="Columns"/> order.</summary>
internal sealed record QueryResult(
    string Id,
    string Title,
    string Description,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> Columns,
    IReadOnlyList<JsonElement[]> Rows);
