using System.Text.Json;
using System.Text.Json.Serialization;
using StreamRead.Api.Pipeline;
using StreamRead.Api.Push;
using StreamRead.Redis.Serving;

namespace StreamRead.Api;

/// <summary>
/// Source-generated JSON of every API payload: camelCase, nulls written (SPEC 4: <c>nextCursor</c>
/// is null on the last page), compact (one SSE data line per event).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReceiptView))]
[JsonSerializable(typeof(ReadersPage))]
[JsonSerializable(typeof(UserUnread))]
[JsonSerializable(typeof(PipelineView))]
[JsonSerializable(typeof(ReceiptEvent))]
[JsonSerializable(typeof(BadgeEvent))]
[JsonSerializable(typeof(ReadyEvent))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
