using System.Text.Json;
using System.Text.Unicode;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Parsing;

/// <summary>
/// Turns one Kafka record of an input topic into a typed event, or into the reason to dead-letter it
/// (SPEC 1). It accepts exactly what <c>topics/schemas/&lt;topic&gt;.schema.json</c> accepts, plus the
/// checks a schema cannot express: the record size, the key, 64-bit integers and real calendar dates.
/// </summary>
/// <remarks>
/// Checks run in order and the first failure wins: size (before any parsing), null value, UTF-8
/// and JSON syntax of the whole value, object shape, fields in their documented order, key.
/// Unknown fields are skipped (forward compatibility); an explicit null for an optional field means
/// absent; a repeated field replaces the earlier one. One pass of a <see cref="Utf8JsonReader"/>,
/// no intermediate document: a valid record allocates only the event and its id strings.
/// </remarks>
public static partial class InputRecordParser
{
    /// <summary>Parses and validates one input record.</summary>
    /// <param name="topic">The input topic: <see cref="TopicNames.Messages"/>, <see cref="TopicNames.Reads"/> or <see cref="TopicNames.Members"/>.</param>
    /// <param name="key">The record key bytes; empty when the record has no key.</param>
    /// <param name="value">The record value bytes.</param>
    /// <param name="valueIsNull">True when the record value is null (a tombstone), which a span cannot express.</param>
    /// <returns>The event, or the reason to dead-letter the record. Never throws for bad input.</returns>
    /// <exception cref="ArgumentException"><paramref name="topic"/> is not an input topic (a bug in the caller, not bad input).</exception>
    public static ParseResult Parse(string topic, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool valueIsNull)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic is not (TopicNames.Messages or TopicNames.Reads or TopicNames.Members))
        {
            throw new ArgumentException(
                $"'{topic}' is not an input topic; expected {TopicNames.Messages}, {TopicNames.Reads} or {TopicNames.Members}.", nameof(topic));
        }

        var size = (long)key.Length + value.Length;
        if (size > InputLimits.MaxRecordBytes)
        {
            return ParseResult.Invalid(DeadLetterReasonCode.RecordTooLarge,
                $"record is {size} bytes (key {key.Length} + value {value.Length}), over the limit of {InputLimits.MaxRecordBytes} bytes");
        }

        if (valueIsNull)
        {
            return ParseResult.Invalid(DeadLetterReasonCode.ValueMissing,
                $"record value is null (a tombstone); {topic} records must carry a JSON object");
        }

        if (!Utf8.IsValid(value))
        {
            return ParseResult.Invalid(DeadLetterReasonCode.InvalidJson, "value is not valid UTF-8; input records are UTF-8 JSON");
        }

        ParseResult result;
        bool keyMatches;
        var reader = new Utf8JsonReader(value);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return NotAnObject(ref reader);
            }

            result = topic switch
            {
                TopicNames.Messages => ReadMessageSent(ref reader, key, out keyMatches),
                TopicNames.Reads => ReadReadReported(ref reader, key, out keyMatches),
                _ => ReadMembershipChanged(ref reader, key, out keyMatches),
            };

            // Reaches the end of the value: throws on anything after the object.
            reader.Read();
        }
        catch (JsonException exception)
        {
            return ParseResult.Invalid(DeadLetterReasonCode.InvalidJson, $"value is not valid JSON: {exception.Message}");
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader throws this while unescaping text that holds an unpaired surrogate escape.
            return ParseResult.Invalid(DeadLetterReasonCode.InvalidJson,
                "value has an unpaired UTF-16 surrogate escape (such as \\ud800) in a property name or field; text must be valid Unicode");
        }

        if (!result.IsValid)
        {
            return result;
        }

        var conversationId = result.Event.ConversationId;
        if (key.IsEmpty)
        {
            return ParseResult.Invalid(DeadLetterReasonCode.KeyMissing,
                $"record key is absent; it must be the conversationId (\"{conversationId}\") so the record reaches the partition that owns the conversation");
        }

        return keyMatches
            ? result
            : ParseResult.Invalid(DeadLetterReasonCode.KeyMismatch,
                $"record key \"{InputFieldReader.Excerpt(key)}\" differs from conversationId \"{conversationId}\"; the key must equal the conversationId so the record reaches the partition that owns the conversation");
    }

    private static ParseResult NotAnObject(ref Utf8JsonReader reader)
    {
        var got = InputFieldReader.Describe(ref reader);

        // Invalid JSON wins over a wrong shape: read the rest before blaming the shape.
        reader.Skip();
        reader.Read();
        return ParseResult.Invalid(DeadLetterReasonCode.NotAnObject, $"value must be a JSON object, got {got}");
    }
}
