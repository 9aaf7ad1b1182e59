using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>One field of an input record as SPEC 1 defines it: the test oracle, kept apart from both the parser and the schemas.</summary>
internal sealed record InputFieldSpec(string Name, InputFieldType Type, bool Required, long Minimum = 0)
{
    public static IReadOnlyList<InputFieldSpec> Of(string topic) => topic switch
    {
        TopicNames.Messages =>
        [
            new("conversationId", InputFieldType.Id, Required: true),
            new("seq", InputFieldType.Integer, Required: true, Minimum: 1),
            new("senderId", InputFieldType.Id, Required: true),
            new("sentAt", InputFieldType.Timestamp, Required: true),
            new("kind", InputFieldType.Kind, Required: false),
        ],
        TopicNames.Reads =>
        [
            new("conversationId", InputFieldType.Id, Required: true),
            new("userId", InputFieldType.Id, Required: true),
            new("readSeq", InputFieldType.Integer, Required: true, Minimum: 1),
            new("readAt", InputFieldType.Timestamp, Required: true),
            new("deviceId", InputFieldType.Id, Required: false),
            new("private", InputFieldType.Boolean, Required: false),
        ],
        TopicNames.Members =>
        [
            new("conversationId", InputFieldType.Id, Required: true),
            new("userId", InputFieldType.Id, Required: true),
            new("change", InputFieldType.Change, Required: true),
            new("at", InputFieldType.Timestamp, Required: true),
            new("afterSeq", InputFieldType.Integer, Required: false, Minimum: 0),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, "Not an input topic."),
    };
}
