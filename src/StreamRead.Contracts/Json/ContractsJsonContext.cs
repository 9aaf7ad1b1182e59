using System.Text.Json.Serialization;
using StreamRead.Contracts.Analytics;
using StreamRead.Contracts.Control;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;

namespace StreamRead.Contracts.Json;

/// <summary>
/// Source-generated System.Text.Json metadata for every wire record: camelCase names, nulls omitted
/// when writing (unless a property says otherwise), unknown fields ignored when reading (SPEC 1:
/// forward compatibility). Reading fails on a missing required constructor parameter or a null in a
/// non-nullable property instead of producing a half-filled record.
/// </summary>
/// <remarks>
/// Producers should prefer <see cref="ContractsSerializer"/>, which also omits empty lists. Input
/// records are read with <see cref="Parsing.InputRecordParser"/>, which validates them (SPEC 1);
/// deserializing them with this context checks types only.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(MessageSent))]
[JsonSerializable(typeof(ReadReported))]
[JsonSerializable(typeof(MembershipChanged))]
[JsonSerializable(typeof(ReceiptUpdate))]
[JsonSerializable(typeof(DeadLetterRecord))]
[JsonSerializable(typeof(AnalyticsUpdate))]
[JsonSerializable(typeof(ServingRebuildRequest))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
