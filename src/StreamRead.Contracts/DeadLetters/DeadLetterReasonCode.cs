using System.Text.Json.Serialization;

namespace StreamRead.Contracts.DeadLetters;

/// <summary>
/// Why an input record was dead-lettered (SPEC 1). The JSON names (snake_case, see
/// <see cref="DeadLetterReasonCodeNames"/>) are stable machine codes: metrics label dead letters with
/// them and tools may switch on them, so never rename one; add new codes instead.
/// </summary>
/// <remarks>
/// Checks run in this order and the first failure wins: record size, null value, JSON syntax,
/// object shape, then the fields in their documented order, then the record key.
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<DeadLetterReasonCode>))]
public enum DeadLetterReasonCode
{
    /// <summary>Key plus value exceed <see cref="Parsing.InputLimits.MaxRecordBytes"/>; checked before parsing.</summary>
    [JsonStringEnumMemberName("record_too_large")]
    RecordTooLarge,

    /// <summary>The record value is null (a tombstone); input records always carry a JSON object.</summary>
    [JsonStringEnumMemberName("value_missing")]
    ValueMissing,

    /// <summary>The value is not valid UTF-8, not exactly one valid JSON document, or has an unpaired surrogate escape (<c>\ud800</c>) in text the processor reads.</summary>
    [JsonStringEnumMemberName("invalid_json")]
    InvalidJson,

    /// <summary>The value is valid JSON but not an object.</summary>
    [JsonStringEnumMemberName("not_an_object")]
    NotAnObject,

    /// <summary>A required field is absent.</summary>
    [JsonStringEnumMemberName("missing_field")]
    MissingField,

    /// <summary>A field has the wrong JSON type (for example a string where an integer belongs, or null for a required field).</summary>
    [JsonStringEnumMemberName("wrong_type")]
    WrongType,

    /// <summary>An integer field holds a number written with a fraction or exponent (<c>1.5</c>, <c>1.0</c>, <c>1e3</c>).</summary>
    [JsonStringEnumMemberName("not_an_integer")]
    NotAnInteger,

    /// <summary>An integer field is below its minimum (seq &lt; 1, readSeq &lt; 1, afterSeq &lt; 0) or does not fit in 64 bits.</summary>
    [JsonStringEnumMemberName("out_of_range")]
    OutOfRange,

    /// <summary>An id (conversationId, userId, senderId, deviceId) is empty or longer than <see cref="Parsing.InputLimits.MaxIdLength"/> characters.</summary>
    [JsonStringEnumMemberName("invalid_id")]
    InvalidId,

    /// <summary>A timestamp is not an RFC 3339 date-time with offset (ISO-8601 profile, for example <c>2026-11-22T10:00:00.123Z</c>).</summary>
    [JsonStringEnumMemberName("invalid_timestamp")]
    InvalidTimestamp,

    /// <summary>An enumerated field (<c>kind</c>, <c>change</c>) holds a value outside its set.</summary>
    [JsonStringEnumMemberName("unknown_enum_value")]
    UnknownEnumValue,

    /// <summary>The record has no key (or an empty one); the key must be the conversationId.</summary>
    [JsonStringEnumMemberName("key_missing")]
    KeyMissing,

    /// <summary>The record key differs from the value's conversationId, so the record sits on the wrong partition.</summary>
    [JsonStringEnumMemberName("key_mismatch")]
    KeyMismatch,
}
