using System.Text.Json.Serialization;

namespace StreamRead.Analytics.Web;

/// <summary>Source-generated JSON of the analytics endpoints (camelCase), independent of the host's JSON options.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<QueryInfo>))]
[JsonSerializable(typeof(QueryResult))]
internal sealed partial class AnalyticsWebJsonContext : JsonSerializerContext;
