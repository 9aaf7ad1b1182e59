using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Tests.Support;
using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Tests.Json;

/// <summary>What a producer writes with the contracts, the processor reads back unchanged.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> InputTopics => [.. TopicNames.Inputs];

    [Theory]
    [MemberData(nameof(InputTopics))]
    public void SerializedEventParsesBackToTheSameEvent(string topic)
    {
        Prop.ForAll(ChatEventGenerators.EventOf(topic).ToArbitrary(), chatEvent =>
        {
            var value = ContractsSerializer.Serialize(chatEvent);

            var result = InputRecordParser.Parse(topic, System.Text.Encoding.UTF8.GetBytes(chatEvent.ConversationId), value, valueIsNull: false);

            Assert.True(result.IsValid, result.ToString());
            Assert.Equal(chatEvent, result.Event);
            Assert.Equal(Timestamp(chatEvent).Offset, Timestamp(result.Event).Offset);
        }).Check(PropertyChecks.Thorough);
    }

    [Fact]
    public void ContractsJsonContextAndContractsSerializerWriteTheSameInputRecords()
    {
        // The gateway producer serializes with ContractsJsonContext directly.
        var events = ChatEventGenerators.MessageSent.Select(e => (IChatEvent)e)
            .Or(ChatEventGenerators.ReadReported.Select(e => (IChatEvent)e))
            .Or(ChatEventGenerators.MembershipChanged.Select(e => (IChatEvent)e));

        Prop.ForAll(events.ToArbitrary(), chatEvent =>
        {
            byte[] viaContext = chatEvent switch
            {
                MessageSent message => JsonSerializer.SerializeToUtf8Bytes(message, ContractsJsonContext.Default.MessageSent),
                ReadReported read => JsonSerializer.SerializeToUtf8Bytes(read, ContractsJsonContext.Default.ReadReported),
                MembershipChanged membership => JsonSerializer.SerializeToUtf8Bytes(membership, ContractsJsonContext.Default.MembershipChanged),
                _ => throw new InvalidOperationException(),
            };
            Assert.Equal(viaContext, ContractsSerializer.Serialize(chatEvent));
        }).Check(PropertyChecks.Thorough);
    }

    [Fact]
    public void SerializerRejectsEventsThatAreNotInputRecords()
    {
        Assert.Throws<ArgumentException>(() => ContractsSerializer.Serialize(new StrangeEvent("g-42")));
    }

    private static DateTimeOffset Timestamp(IChatEvent chatEvent) => chatEvent switch
    {
        MessageSent message => message.SentAt,
        ReadReported read => read.ReadAt,
        MembershipChanged membership => membership.At,
        _ => throw new ArgumentOutOfRangeException(nameof(chatEvent)),
    };

    private sealed record StrangeEvent(string ConversationId) : IChatEvent;
}
