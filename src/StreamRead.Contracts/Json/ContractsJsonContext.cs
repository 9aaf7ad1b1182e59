using System.Text.Json.Serialization;
using StreamRead.Contracts.Events;

namespace StreamRead.Contracts.Json;

/// <summary>
/// Source-generated System.Text.Json metadata for every wire record: camelCase names, nulls
/// omitted when writing, unknown fields ignored when reading (SPEC 1: forward compatibility).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(MessageSent))]
[JsonSerializable(typeof(ReadReported))]
[JsonSerializable(typeof(MembershipChanged))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
