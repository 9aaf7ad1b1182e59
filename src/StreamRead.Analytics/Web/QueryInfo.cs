namespace StreamRead.Analytics.Web;

/// <summary>An entry of <c>GET /analytics/api/queries</c>.</summary>
internal sealed record QueryInfo(string Id, string Title, string Description, IReadOnlyList<string> Columns, bool UsesRange);
