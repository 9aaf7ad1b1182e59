using System.Text;
using System.Text.Json;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Events;

namespace StreamRead.Contracts.Parsing;

/// <summary>
/// Reads and checks the typed fields of an input record from a <see cref="Utf8JsonReader"/>. Each
/// <c>Read…</c> method starts on the property name and ends on the last token of its value, whatever
/// the outcome, so the caller can go on with the next property. The happy path allocates nothing but
/// the id strings; messages are built only for invalid fields.
/// </summary>
internal static class InputFieldReader
{
    private static readonly string IdExpectation = $"must be a non-empty string of at most {InputLimits.MaxIdLength} characters";
    private const string TimestampExpectation = "must be an RFC 3339 date-time with offset, such as 2026-11-22T10:00:00.123Z";
    private const int ExcerptBytes = 64;

    /// <summary>Moves to the next property name; false at the end of the object.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Reads <c>conversationId</c> and tells whether it equals the record key (SPEC 1: the key decides the partition).</summary>
    public static Field<string> ReadConversationId(ref Utf8JsonReader reader, ReadOnlySpan<byte> key, out bool keyMatches)
    {
        reader.Read();
        // Compares the unescaped text with the key bytes without allocating.
        keyMatches = reader.TokenType == JsonTokenType.String && !key.IsEmpty && reader.ValueTextEquals(key);
        return ReadIdValue(ref reader, "conversationId", required: true);
    }

    /// <summary>Reads an id: a string of 1 to <see cref="InputLimits.MaxIdLength"/> code points; null means absent when optional.</summary>
    public static Field<string> ReadId(ref Utf8JsonReader reader, string name, bool required)
    {
        reader.Read();
        return ReadIdValue(ref reader, name, required);
    }

    /// <summary>Reads an integer that fits in 64 bits and is at least <paramref name="minimum"/>; null means absent when optional.</summary>
    public static Field<long> ReadInteger(ref Utf8JsonReader reader, string name, long minimum, bool required)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null && !required)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            return WrongType<long>(ref reader, name, $"must be an integer >= {minimum}");
        }

        if (reader.TryGetInt64(out var value))
        {
            return value >= minimum
                ? Field<long>.Of(value)
                : Field<long>.Invalid(DeadLetterReasonCode.OutOfRange, $"field '{name}' must be an integer >= {minimum}, got {value}");
        }

        // TryGetInt64 fails for a fraction or exponent (1.5, 1.0, 1e3; JSON Schema validators read
        // those as non-integers too) and for integers beyond 64 bits.
        var raw = reader.ValueSpan;
        return raw.IndexOfAny(".eE"u8) >= 0
            ? Field<long>.Invalid(DeadLetterReasonCode.NotAnInteger,
                $"field '{name}' must be an integer >= {minimum} written without fraction or exponent, got {Excerpt(raw)}")
            : Field<long>.Invalid(DeadLetterReasonCode.OutOfRange,
                $"field '{name}' must be an integer >= {minimum} that fits in 64 bits (at most {long.MaxValue}), got {Excerpt(raw)}");
    }

    /// <summary>Reads a required RFC 3339 date-time with offset.</summary>
    public static Field<DateTimeOffset> ReadTimestamp(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType<DateTimeOffset>(ref reader, name, TimestampExpectation);
        }

        var raw = reader.ValueSpan;
        scoped var text = raw;
        if (reader.ValueIsEscaped)
        {
            // Unescaped text is never longer than its escaped form.
            Span<byte> buffer = raw.Length <= 128 ? stackalloc byte[raw.Length] : new byte[raw.Length];
            text = buffer[..reader.CopyString(buffer)];
        }

        return Rfc3339Timestamp.TryParse(text, out var timestamp)
            ? Field<DateTimeOffset>.Of(timestamp)
            : Field<DateTimeOffset>.Invalid(DeadLetterReasonCode.InvalidTimestamp, $"field '{name}' {TimestampExpectation}, got \"{Excerpt(raw)}\"");
    }

    /// <summary>Reads an optional boolean; null means absent.</summary>
    public static Field<bool> ReadOptionalBoolean(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => Field<bool>.Of(true),
            JsonTokenType.False => Field<bool>.Of(false),
            JsonTokenType.Null => default,
            _ => WrongType<bool>(ref reader, name, "must be true or false"),
        };
    }

    /// <summary>Reads the optional <c>kind</c> of a message: <c>group</c> or <c>direct</c>; null means absent.</summary>
    public static Field<ConversationKind> ReadOptionalKind(ref Utf8JsonReader reader)
    {
        const string Expectation = "must be \"group\" or \"direct\"";
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType<ConversationKind>(ref reader, "kind", Expectation);
        }

        return reader.ValueTextEquals("group"u8) ? Field<ConversationKind>.Of(ConversationKind.Group)
            : reader.ValueTextEquals("direct"u8) ? Field<ConversationKind>.Of(ConversationKind.Direct)
            : UnknownEnumValue<ConversationKind>(ref reader, "kind", Expectation);
    }

    /// <summary>Reads the required <c>change</c> of a membership event: <c>joined</c> or <c>left</c>.</summary>
    public static Field<MembershipChange> ReadChange(ref Utf8JsonReader reader)
    {
        const string Expectation = "must be \"joined\" or \"left\"";
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType<MembershipChange>(ref reader, "change", Expectation);
        }

        return reader.ValueTextEquals("joined"u8) ? Field<MembershipChange>.Of(MembershipChange.Joined)
            : reader.ValueTextEquals("left"u8) ? Field<MembershipChange>.Of(MembershipChange.Left)
            : UnknownEnumValue<MembershipChange>(ref reader, "change", Expectation);
    }

    /// <summary>Describes the current token for a message: <c>a string ("abc")</c>, <c>an object</c>, <c>null</c>…</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"a string (\"{Excerpt(reader.ValueSpan)}\")",
        JsonTokenType.Number => $"a number ({Excerpt(reader.ValueSpan)})",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };

    /// <summary>Up to 64 bytes of raw UTF-8 as text, cut on a character boundary, for messages.</summary>
    public static string Excerpt(ReadOnlySpan<byte> raw)
    {
        if (raw.Length <= ExcerptBytes)
        {
            return Encoding.UTF8.GetString(raw);
        }

        var cut = ExcerptBytes;
        while (cut > 0 && (raw[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return Encoding.UTF8.GetString(raw[..cut]) + "...";
    }

    private static Field<string> ReadIdValue(ref Utf8JsonReader reader, string name, bool required)
    {
        if (reader.TokenType == JsonTokenType.Null && !required)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType<string>(ref reader, name, IdExpectation);
        }

        var id = reader.GetString()!;
        if (id.Length == 0)
        {
            return Field<string>.Invalid(DeadLetterReasonCode.InvalidId, $"field '{name}' {IdExpectation}, got an empty string");
        }

        if (id.Length > InputLimits.MaxIdLength && CodePointLength(id) is var length and > InputLimits.MaxIdLength)
        {
            return Field<string>.Invalid(DeadLetterReasonCode.InvalidId, $"field '{name}' {IdExpectation}, got {length} characters");
        }

        return Field<string>.Of(id);
    }

    // JSON Schema's maxLength counts code points, so a surrogate pair counts once. The text is valid
    // UTF-16 here: the value passed UTF-8 validation and unpaired surrogate escapes throw earlier.
    private static int CodePointLength(string text)
    {
        var length = text.Length;
        foreach (var c in text)
        {
            if (char.IsHighSurrogate(c))
            {
                length--;
            }
        }

        return length;
    }

    private static Field<T> WrongType<T>(ref Utf8JsonReader reader, string name, string expectation)
    {
        var got = Describe(ref reader);
        reader.Skip(); // past an object or array value; a no-op on a scalar
        return Field<T>.Invalid(DeadLetterReasonCode.WrongType, $"field '{name}' {expectation}, got {got}");
    }

    private static Field<T> UnknownEnumValue<T>(ref Utf8JsonReader reader, string name, string expectation) =>
        Field<T>.Invalid(DeadLetterReasonCode.UnknownEnumValue, $"field '{name}' {expectation}, got \"{Excerpt(reader.ValueSpan)}\"");
}
