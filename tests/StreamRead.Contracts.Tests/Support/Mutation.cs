using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using StreamRead.Contracts.DeadLetters;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>
/// One way to break one field of a valid record, and the reason code it must produce. The catalogue
/// follows SPEC 1 through <see cref="InputFieldSpec"/>; every mutation breaks exactly one rule.
/// </summary>
/// <param name="Field">The field to break.</param>
/// <param name="What">A short description for failure messages.</param>
/// <param name="Expected">The reason code the parser must give.</param>
/// <param name="NewValue">The value to set; null to drop the field.</param>
internal sealed record Mutation(string Field, string What, DeadLetterReasonCode Expected, Gen<JsonNode?>? NewValue)
{
    private static readonly string[] BadTimestamps =
    [
        "", "yesterday", "2026-11-22", "2026-11-22T10:00:00", "2026-11-22T10:00Z", "2026-11-22 10:00:00Z",
        "2026-11-22T10:00:00+0100", "2026-11-22T10:00:00+01", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-11-31T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T23:60:00Z",
        "2026-11-22T23:59:60Z", "2026-11-22T10:00:00.Z", "2026-11-22T10:00:00+14:30", "2026-11-22T10:00:00-15:00",
        "0000-01-01T00:00:00Z", "26-11-22T10:00:00Z", "2026-11-22T10:00:00ZZ", "1795428000", "2026-W47-7T10:00:00Z",
        "20261122T100000Z", "2026-11-22T10:00:00,5Z", "+2026-11-22T10:00:00Z", " 2026-11-22T10:00:00Z",
        "2026-11-22T10:00:00Z ", "2026-11-22T10:00:00 Z", "2026-11-22T10:00:00.123+01:00:00", "２０２６-11-22T10:00:00Z",
    ];

    public override string ToString() => $"{What} ({Field}) -> {Expected.ToWireName()}";

    /// <summary>Applies the mutation to a copy of <paramref name="json"/>.</summary>
    public string Apply(string json, JsonNode? newValue)
    {
        var record = JsonNode.Parse(json)!.AsObject();
        if (NewValue is null)
        {
            record.Remove(Field);
        }
        else
        {
            record[Field] = newValue;
        }

        return record.ToJsonString();
    }

    public static IReadOnlyList<Mutation> For(string topic) => [.. InputFieldSpec.Of(topic).SelectMany(For)];

    private static IEnumerable<Mutation> For(InputFieldSpec field)
    {
        if (field.Required)
        {
            yield return new(field.Name, "drop the required field", DeadLetterReasonCode.MissingField, null);
            yield return new(field.Name, "null for the required field", DeadLetterReasonCode.WrongType, Gen.Constant<JsonNode?>(null));
        }

        switch (field.Type)
        {
            case InputFieldType.Id:
                yield return new(field.Name, "empty id", DeadLetterReasonCode.InvalidId, Json("\"\""));
                yield return new(field.Name, "id over 256 characters", DeadLetterReasonCode.InvalidId,
                    ChatEventGenerators.IdOfLength(257, 600).Select(id => (JsonNode?)JsonValue.Create(id)));
                yield return new(field.Name, "id that is not a string", DeadLetterReasonCode.WrongType, Json("42", "true", "1.5", "{}", "[]", "[\"u-1\"]", "{\"id\":\"u-1\"}"));
                break;
            case InputFieldType.Integer:
                yield return new(field.Name, $"integer below {field.Minimum}", DeadLetterReasonCode.OutOfRange,
                    Gen.Frequency(
                        (2, Gen.Constant(field.Minimum - 1)),
                        (2, Gen.Choose(int.MinValue, -1).Select(negative => (long)negative)),
                        (1, Gen.Constant(long.MinValue))).Select(value => (JsonNode?)JsonValue.Create(value)));
                yield return new(field.Name, "number with fraction or exponent", DeadLetterReasonCode.NotAnInteger,
                    from whole in Gen.Choose(-1000, 1000)
                    from fraction in Gen.Choose(0, 999)
                    from exponent in Gen.Choose(0, 5)
                    from spelling in Gen.Elements($"{whole}.{fraction}", $"{whole}.0", $"{whole}e{exponent}", $"{whole}E+{exponent}", $"{whole}.5e-{exponent}")
                    select JsonNode.Parse(spelling));
                yield return new(field.Name, "integer that is not a number", DeadLetterReasonCode.WrongType, Json("\"12\"", "\"\"", "true", "[]", "{}", "[1]"));
                break;
            case InputFieldType.Timestamp:
                yield return new(field.Name, "not an RFC 3339 date-time with offset", DeadLetterReasonCode.InvalidTimestamp,
                    Gen.OneOf(Gen.Elements(BadTimestamps), CorruptedTimestamp).Select(text => (JsonNode?)JsonValue.Create(text)));
                yield return new(field.Name, "timestamp that is not a string", DeadLetterReasonCode.WrongType, Json("1795428000123", "true", "{}", "[\"2026-11-22T10:00:00Z\"]"));
                break;
            case InputFieldType.Boolean:
                yield return new(field.Name, "boolean that is not a boolean", DeadLetterReasonCode.WrongType, Json("\"true\"", "\"false\"", "1", "0", "[]", "{}"));
                break;
            case InputFieldType.Kind or InputFieldType.Change:
                string[] allowed = field.Type == InputFieldType.Kind ? ["group", "direct"] : ["joined", "left"];
                yield return new(field.Name, "value outside the enumeration", DeadLetterReasonCode.UnknownEnumValue,
                    Gen.OneOf(Gen.Elements("", "Group", "GROUP", " group", "direct ", "channel", "Joined", "leave", "removed", "null"), ChatEventGenerators.Id)
                        .Where(text => !allowed.Contains(text))
                        .Select(text => (JsonNode?)JsonValue.Create(text)));
                yield return new(field.Name, "enumeration value that is not a string", DeadLetterReasonCode.WrongType, Json("0", "1", "true", "[\"group\"]", "{}"));
                break;
        }
    }

    // Fresh nodes per sample: a JsonNode can belong to one parent only.
    private static Gen<JsonNode?> Json(params string[] texts) => Gen.Elements(texts).Select(text => JsonNode.Parse(text));

    /// <summary>A valid timestamp with one character replaced, deleted or inserted, kept only when the schema's pattern rejects it.</summary>
    private static Gen<string> CorruptedTimestamp { get; } =
        from instant in ChatEventGenerators.Timestamp
        from variant in Gen.Choose(0, 1000)
        let text = TimestampText.Format(instant, variant)
        from position in Gen.Choose(0, text.Length - 1)
        from replacement in Gen.Elements("0123456789-:.TZtz+ x".ToCharArray())
        from operation in Gen.Choose(0, 2)
        let corrupted = operation switch
        {
            0 => text[..position] + replacement + text[(position + 1)..],
            1 => text.Remove(position, 1),
            _ => text.Insert(position, replacement.ToString()),
        }
        where !TopicSchemas.TimestampPattern.IsMatch(corrupted)
        select corrupted;
}
