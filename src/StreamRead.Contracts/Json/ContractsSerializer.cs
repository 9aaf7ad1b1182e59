using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamRead.Contracts.Analytics;
using StreamRead.Contracts.Control;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;

namespace StreamRead.Contracts.Json;

/// <summary>
/// Writes wire records as the UTF-8 JSON Kafka record values of their topics (SPEC 1, 3), and reads
/// the output records back. Uses <see cref="ContractsJsonContext"/> and additionally omits empty lists
/// (the schemas define an absent list as empty), which keeps receipt updates small.
/// </summary>
public static class ContractsSerializer
{
    private static readonly JsonSerializerOptions WireOptions = CreateWireOptions();
    private static readonly JsonTypeInfo<MessageSent> MessageSentInfo = TypeInfo<MessageSent>();
    private static readonly JsonTypeInfo<ReadReported> ReadReportedInfo = TypeInfo<ReadReported>();
    private static readonly JsonTypeInfo<MembershipChanged> MembershipChangedInfo = TypeInfo<MembershipChanged>();
    private static readonly JsonTypeInfo<ReceiptUpdate> ReceiptUpdateInfo = TypeInfo<ReceiptUpdate>();
    private static readonly JsonTypeInfo<DeadLetterRecord> DeadLetterRecordInfo = TypeInfo<DeadLetterRecord>();
    private static readonly JsonTypeInfo<AnalyticsUpdate> AnalyticsUpdateInfo = TypeInfo<AnalyticsUpdate>();
    private static readonly JsonTypeInfo<ServingRebuildRequest> ServingRebuildRequestInfo = TypeInfo<ServingRebuildRequest>();

    /// <summary>The <c>chat.messages</c> value of <paramref name="record"/>.</summary>
    public static byte[] Serialize(MessageSent record) => JsonSerializer.SerializeToUtf8Bytes(record, MessageSentInfo);

    /// <summary>The <c>chat.reads</c> value of <paramref name="record"/>.</summary>
    public static byte[] Serialize(ReadReported record) => JsonSerializer.SerializeToUtf8Bytes(record, ReadReportedInfo);

    /// <summary>The <c>chat.members</c> value of <paramref name="record"/>.</summary>
    public static byte[] Serialize(MembershipChanged record) => JsonSerializer.SerializeToUtf8Bytes(record, MembershipChangedInfo);

    /// <summary>The input-topic value of any <see cref="IChatEvent"/>.</summary>
    /// <exception cref="ArgumentException">The event is not one of the three input records.</exception>
    public static byte[] Serialize(IChatEvent record) => record switch
    {
        MessageSent message => Serialize(message),
        ReadReported read => Serialize(read),
        MembershipChanged membership => Serialize(membership),
        null => throw new ArgumentNullException(nameof(record)),
        _ => throw new ArgumentException($"{record.GetType().Name} is not an input record of SPEC 1.", nameof(record)),
    };

    /// <summary>The <c>streamread.receipts</c> value of <paramref name="record"/>; empty lists are omitted.</summary>
    public static byte[] Serialize(ReceiptUpdate record) => JsonSerializer.SerializeToUtf8Bytes(record, ReceiptUpdateInfo);

    /// <summary>The <c>streamread.deadletter</c> value of <paramref name="record"/>.</summary>
    public static byte[] Serialize(DeadLetterRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, DeadLetterRecordInfo);

    /// <summary>The <c>streamread.analytics</c> value of <paramref name="record"/>; empty lists are omitted.</summary>
    public static byte[] Serialize(AnalyticsUpdate record) => JsonSerializer.SerializeToUtf8Bytes(record, AnalyticsUpdateInfo);

    /// <summary>The <c>streamread.control</c> value of <paramref name="record"/>.</summary>
    public static byte[] Serialize(ServingRebuildRequest record) => JsonSerializer.SerializeToUtf8Bytes(record, ServingRebuildRequestInfo);

    /// <summary>Reads a <c>streamread.control</c> value.</summary>
    /// <exception cref="JsonException">The value is not a serving rebuild request.</exception>
    public static ServingRebuildRequest DeserializeServingRebuildRequest(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, ServingRebuildRequestInfo) ?? throw new JsonException("A serving rebuild request must be an object, got null.");

    /// <summary>Reads a <c>streamread.receipts</c> value; absent lists become empty.</summary>
    /// <exception cref="JsonException">The value is not a receipt update.</exception>
    public static ReceiptUpdate DeserializeReceiptUpdate(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, ReceiptUpdateInfo) ?? throw new JsonException("A receipt update must be an object, got null.");

    /// <summary>Reads a <c>streamread.deadletter</c> value.</summary>
    /// <exception cref="JsonException">The value is not a dead-letter record.</exception>
    public static DeadLetterRecord DeserializeDeadLetterRecord(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, DeadLetterRecordInfo) ?? throw new JsonException("A dead-letter record must be an object, got null.");

    /// <summary>Reads a <c>streamread.analytics</c> value; absent lists become empty.</summary>
    /// <exception cref="JsonException">The value is not an analytics update.</exception>
    public static AnalyticsUpdate DeserializeAnalyticsUpdate(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, AnalyticsUpdateInfo) ?? throw new JsonException("An analytics update must be an object, got null.");

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)WireOptions.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateWireOptions()
    {
        var options = new JsonSerializerOptions(ContractsJsonContext.Default.Options)
        {
            TypeInfoResolver = ContractsJsonContext.Default.WithAddedModifier(OmitEmptyLists),
        };
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmptyLists(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value is not ICollection { Count: 0 };
            }
        }
    }
}
