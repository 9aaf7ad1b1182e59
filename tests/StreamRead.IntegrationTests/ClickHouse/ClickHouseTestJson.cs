using System.Text.Json.Serialization;

namespace StreamRead.IntegrationTests.ClickHouse;

/// <summary>A row shaped like the analytics facts: snake_case columns, milliseconds as UInt64 (18.16 has no DateTime64).</summary>
public sealed record ReadFactRow(
    [property: JsonPropertyName("conversation_id")] string ConversationId,
    [property: JsonPropertyName("seq")] ulong Seq,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("note")] string Note,
    [property: JsonPropertyName("read_at_ms")] ulong ReadAtMs);

/// <summary>Source-generated serialization, as production sinks use.</summary>
[JsonSerializable(typeof(ReadFactRow))]
internal sealed partial class ClickHouseTestJsonContext : JsonSerializerContext;
