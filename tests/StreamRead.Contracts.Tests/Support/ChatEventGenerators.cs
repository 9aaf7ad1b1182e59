using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>FsCheck generators of valid input events and of the many JSON spellings of one event.</summary>
internal static class ChatEventGenerators
{
    // Basic Multilingual Plane only: NJsonSchema counts UTF-16 units where JSON Schema counts code
    // points, so astral characters have their own parser tests. Includes characters JSON must escape.
    private static readonly char[] IdChars = "abcxyzABC0189-_.:@/ \"\\\n\t\u0000\u0001éßü中文\u2028\uFFFD".ToCharArray();

    private static readonly DateTimeOffset Epoch = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Gen<string> IdOfLength(int min, int max) =>
        Gen.Choose(min, max).SelectMany(length => Gen.ArrayOf(Gen.Elements(IdChars), length)).Select(chars => new string(chars));

    /// <summary>Valid ids: mostly short, sometimes up to and exactly at the 256-character limit.</summary>
    public static Gen<string> Id { get; } = Gen.Frequency(
        (6, IdOfLength(1, 12)),
        (2, IdOfLength(1, 256)),
        (1, IdOfLength(256, 256)));

    /// <summary>Integers >= <paramref name="minimum"/> up to <see cref="long.MaxValue"/>, boundaries included.</summary>
    public static Gen<long> IntegerFrom(long minimum) => Gen.Frequency(
        (4, Gen.Choose(0, 1000).Select(offset => minimum + offset)),
        (3, Gen.Choose(0, int.MaxValue).Select(offset => minimum + offset)),
        (2, Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, int.MaxValue), (high, low) => Math.Max(minimum, ((long)high << 32) | (uint)low))),
        (1, Gen.Elements(minimum, long.MaxValue)));

    /// <summary>Instants of 1970 to 2100 with 100 ns precision and offsets within ±14:00.</summary>
    public static Gen<DateTimeOffset> Timestamp { get; } =
        from days in Gen.Choose(0, 130 * 365)
        from seconds in Gen.Choose(0, 86_399)
        from ticks in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(0, 999).Select(ms => ms * 10_000)), (1, Gen.Choose(0, 9_999_999)))
        from offsetMinutes in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(-14 * 60, 14 * 60)))
        let utc = Epoch.AddDays(days).AddSeconds(seconds).AddTicks(ticks)
        select utc.ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    public static Gen<MessageSent> MessageSent { get; } =
        from conversationId in Id
        from seq in IntegerFrom(1)
        from senderId in Id
        from sentAt in Timestamp
        from kind in Gen.Elements(ConversationKind.Group, ConversationKind.Direct)
        select new MessageSent(conversationId, seq, senderId, sentAt, kind);

    public static Gen<ReadReported> ReadReported { get; } =
        from conversationId in Id
        from userId in Id
        from readSeq in IntegerFrom(1)
        from readAt in Timestamp
        from deviceId in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Id.Select(id => (string?)id)))
        from isPrivate in Gen.Elements(false, true)
        select new ReadReported(conversationId, userId, readSeq, readAt, deviceId, isPrivate);

    public static Gen<MembershipChanged> MembershipChanged { get; } =
        from conversationId in Id
        from userId in Id
        from change in Gen.Elements(MembershipChange.Joined, MembershipChange.Left)
        from at in Timestamp
        from afterSeq in Gen.Frequency((1, Gen.Constant<long?>(null)), (2, IntegerFrom(0).Select(seq => (long?)seq)))
        select new MembershipChanged(conversationId, userId, change, at, afterSeq);

    public static Gen<IChatEvent> EventOf(string topic) => topic switch
    {
        TopicNames.Messages => MessageSent.Select(e => (IChatEvent)e),
        TopicNames.Reads => ReadReported.Select(e => (IChatEvent)e),
        TopicNames.Members => MembershipChanged.Select(e => (IChatEvent)e),
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, "Not an input topic."),
    };

    /// <summary>
    /// A valid record of <paramref name="topic"/> spelled in any way the contract allows: absent
    /// optional fields omitted or null, defaults explicit or not, any RFC 3339 spelling of its
    /// timestamps, unknown fields (also other topics' field names), any property order.
    /// </summary>
    public static Gen<RenderedRecord> ValidRecord(string topic) =>
        from chatEvent in EventOf(topic)
        from json in Spell(chatEvent)
        select new RenderedRecord(chatEvent, json.ToJsonString());

    private static Gen<JsonObject> Spell(IChatEvent chatEvent)
    {
        var fields = InputFieldSpec.Of(TopicOf(chatEvent));
        var known = fields.Select(field => field.Name).ToHashSet(StringComparer.Ordinal);
        return
            from optionalStyle in Gen.Choose(0, 2)
            from timestampVariant in Gen.Choose(0, 1000)
            from unknownCount in Gen.Choose(0, 3)
            from unknown in Gen.ListOf(UnknownProperty(known), unknownCount)
            let properties = Properties(chatEvent, fields, optionalStyle, timestampVariant).Concat(unknown.DistinctBy(p => p.Key)).ToArray()
            from ordered in Gen.Shuffle(properties)
            select new JsonObject(ordered);
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Properties(
        IChatEvent chatEvent, IReadOnlyList<InputFieldSpec> fields, int optionalStyle, int timestampVariant)
    {
        var canonical = JsonNode.Parse(ContractsSerializer.Serialize(chatEvent))!.AsObject();
        foreach (var field in fields)
        {
            var value = canonical[field.Name];
            if (field.Type == InputFieldType.Timestamp)
            {
                yield return new(field.Name, TimestampText.Format(value!.GetValue<DateTimeOffset>(), timestampVariant));
            }
            else if (!field.Required && IsDefault(field, value))
            {
                // Absent, explicit null, or the default written out: all mean the same (SPEC 1).
                switch (optionalStyle)
                {
                    case 0: break;
                    case 1: yield return new(field.Name, null); break;
                    default: if (value is not null) yield return new(field.Name, value.DeepClone()); break;
                }
            }
            else if (value is not null)
            {
                yield return new(field.Name, value.DeepClone());
            }
        }
    }

    private static bool IsDefault(InputFieldSpec field, JsonNode? value) => field.Type switch
    {
        InputFieldType.Kind => value is null || value.GetValue<string>() == "group",
        InputFieldType.Boolean => value is null || !value.GetValue<bool>(),
        _ => value is null,
    };

    private static Gen<KeyValuePair<string, JsonNode?>> UnknownProperty(HashSet<string> known) =>
        from name in Gen.Elements("threadId", "x", "meta", "seq", "readSeq", "userId", "senderId", "change", "kind", "afterSeq",
            "private", "deviceId", "at", "sentAt", "readAt", "SEQ", "conversationid", "conversationId ", "")
        where !known.Contains(name)
        from value in AnyJson(depth: 2)
        select new KeyValuePair<string, JsonNode?>(name, value);

    /// <summary>Any JSON value, nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<JsonNode?> AnyJson(int depth)
    {
        var scalar = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements("true", "false", "0", "-1", "1.5", "1e300", "-0.25E-3", "9223372036854775807", "\"group\"", "\"\"")
                .Select(text => JsonNode.Parse(text)),
            Id.Select(text => (JsonNode?)JsonValue.Create(text)));
        if (depth == 0)
        {
            return scalar;
        }

        var element = AnyJson(depth - 1);
        return Gen.Frequency(
            (3, scalar),
            (1, Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(element, n)).Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(element, n))
                .Select(items => (JsonNode?)new JsonObject(items.Select((item, i) => new KeyValuePair<string, JsonNode?>($"p{i}", item))))));
    }

    public static string TopicOf(IChatEvent chatEvent) => chatEvent switch
    {
        Events.MessageSent => TopicNames.Messages,
        Events.ReadReported => TopicNames.Reads,
        Events.MembershipChanged => TopicNames.Members,
        _ => throw new ArgumentOutOfRangeException(nameof(chatEvent), chatEvent, "Not an input event."),
    };
}
