using System.Text.Json;
using StreamRead.Contracts.Events;

namespace StreamRead.Contracts.Parsing;

// One reader per input topic (SPEC 1). Each reads every property, so invalid JSON later in the value
// still wins, then reports the first problem in field order: required fields as the schema lists
// them, then optional ones.
public static partial class InputRecordParser
{
    private static ParseResult ReadMessageSent(ref Utf8JsonReader reader, ReadOnlySpan<byte> key, out bool keyMatches)
    {
        keyMatches = false;
        Field<string> conversationId = default, senderId = default;
        Field<long> seq = default;
        Field<DateTimeOffset> sentAt = default;
        Field<ConversationKind> kind = default;

        while (InputFieldReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("conversationId"u8)) conversationId = InputFieldReader.ReadConversationId(ref reader, key, out keyMatches);
            else if (reader.ValueTextEquals("seq"u8)) seq = InputFieldReader.ReadInteger(ref reader, "seq", minimum: 1, required: true);
            else if (reader.ValueTextEquals("senderId"u8)) senderId = InputFieldReader.ReadId(ref reader, "senderId", required: true);
            else if (reader.ValueTextEquals("sentAt"u8)) sentAt = InputFieldReader.ReadTimestamp(ref reader, "sentAt");
            else if (reader.ValueTextEquals("kind"u8)) kind = InputFieldReader.ReadOptionalKind(ref reader);
            else reader.Skip();
        }

        var problem = conversationId.Problem("conversationId", required: true)
            ?? seq.Problem("seq", required: true)
            ?? senderId.Problem("senderId", required: true)
            ?? sentAt.Problem("sentAt", required: true)
            ?? kind.Problem("kind", required: false);
        return problem is not null
            ? ParseResult.Invalid(problem)
            : ParseResult.Valid(new MessageSent(conversationId.Value, seq.Value, senderId.Value, sentAt.Value, kind.ValueOr(ConversationKind.Group)));
    }

    private static ParseResult ReadReadReported(ref Utf8JsonReader reader, ReadOnlySpan<byte> key, out bool keyMatches)
    {
        keyMatches = false;
        Field<string> conversationId = default, userId = default, deviceId = default;
        Field<long> readSeq = default;
        Field<DateTimeOffset> readAt = default;
        Field<bool> isPrivate = default;

        while (InputFieldReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("conversationId"u8)) conversationId = InputFieldReader.ReadConversationId(ref reader, key, out keyMatches);
            else if (reader.ValueTextEquals("userId"u8)) userId = InputFieldReader.ReadId(ref reader, "userId", required: true);
            else if (reader.ValueTextEquals("readSeq"u8)) readSeq = InputFieldReader.ReadInteger(ref reader, "readSeq", minimum: 1, required: true);
            else if (reader.ValueTextEquals("readAt"u8)) readAt = InputFieldReader.ReadTimestamp(ref reader, "readAt");
            else if (reader.ValueTextEquals("deviceId"u8)) deviceId = InputFieldReader.ReadId(ref reader, "deviceId", required: false);
            else if (reader.ValueTextEquals("private"u8)) isPrivate = InputFieldReader.ReadOptionalBoolean(ref reader, "private");
            else reader.Skip();
        }

        var problem = conversationId.Problem("conversationId", required: true)
            ?? userId.Problem("userId", required: true)
            ?? readSeq.Problem("readSeq", required: true)
            ?? readAt.Problem("readAt", required: true)
            ?? deviceId.Problem("deviceId", required: false)
            ?? isPrivate.Problem("private", required: false);
        return problem is not null
            ? ParseResult.Invalid(problem)
            : ParseResult.Valid(new ReadReported(
                conversationId.Value, userId.Value, readSeq.Value, readAt.Value, deviceId.IsPresent ? deviceId.Value : null, isPrivate.ValueOr(false)));
    }

    private static ParseResult ReadMembershipChanged(ref Utf8JsonReader reader, ReadOnlySpan<byte> key, out bool keyMatches)
    {
        keyMatches = false;
        Field<string> conversationId = default, userId = default;
        Field<MembershipChange> change = default;
        Field<DateTimeOffset> at = default;
        Field<long> afterSeq = default;

        while (InputFieldReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("conversationId"u8)) conversationId = InputFieldReader.ReadConversationId(ref reader, key, out keyMatches);
            else if (reader.ValueTextEquals("userId"u8)) userId = InputFieldReader.ReadId(ref reader, "userId", required: true);
            else if (reader.ValueTextEquals("change"u8)) change = InputFieldReader.ReadChange(ref reader);
            else if (reader.ValueTextEquals("at"u8)) at = InputFieldReader.ReadTimestamp(ref reader, "at");
            else if (reader.ValueTextEquals("afterSeq"u8)) afterSeq = InputFieldReader.ReadInteger(ref reader, "afterSeq", minimum: 0, required: false);
            else reader.Skip();
        }

        var problem = conversationId.Problem("conversationId", required: true)
            ?? userId.Problem("userId", required: true)
            ?? change.Problem("change", required: true)
            ?? at.Problem("at", required: true)
            ?? afterSeq.Problem("afterSeq", required: false);
        return problem is not null
            ? ParseResult.Invalid(problem)
            : ParseResult.Valid(new MembershipChanged(
                conversationId.Value, userId.Value, change.Value, at.Value, afterSeq.IsPresent ? afterSeq.Value : null));
    }
}
