using System.Text.Json.Serialization;

namespace StreamRead.Analytics.Sink;

/// <summary>Source-generated JSONEachRow serialization of the fact rows: snake_case column names, every column written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MessageSentRow))]
[JsonSerializable(typeof(ReadAdvanceRow))]
[JsonSerializable(typeof(MilestoneRow))]
[JsonSerializable(typeof(BadgeRow))]
internal sealed partial class AnalyticsRowsJsonContext : JsonSerializerContext;
