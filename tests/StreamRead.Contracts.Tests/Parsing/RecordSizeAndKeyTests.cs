using System.Text;
using FsCheck;
using FsCheck.Fluent;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Tests.Support;
using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Tests.Parsing;

/// <summary>The record-level rules of SPEC 1 that no JSON Schema can express: size, null value and key.</summary>
public sealed class RecordSizeAndKeyTests
{
    private const string Message = """{"conversationId":"g-42","seq":101,"senderId":"u-7","sentAt":"2026-11-22T10:00:00.123Z"}""";

    public static TheoryData<string> InputTopics => [.. TopicNames.Inputs];

    [Fact]
    public void RecordOfExactly64KiBIsAccepted()
    {
        var value = PaddedMessage(InputLimits.MaxRecordBytes - "g-42".Length);

        var result = InputRecordParser.Parse(TopicNames.Messages, "g-42"u8, value, valueIsNull: false);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void RecordOneByteOver64KiBIsTooLarge()
    {
        var value = PaddedMessage(InputLimits.MaxRecordBytes - "g-42".Length + 1);

        var reason = InputRecordParser.Parse(TopicNames.Messages, "g-42"u8, value, valueIsNull: false).Reason;

        Assert.Equal(DeadLetterReasonCode.RecordTooLarge, reason?.Code);
        Assert.Contains("65537 bytes", reason!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyBytesCountTowardTheLimit()
    {
        var key = new byte[InputLimits.MaxRecordBytes - Message.Length + 1];

        var result = InputRecordParser.Parse(TopicNames.Messages, key, Encoding.UTF8.GetBytes(Message), valueIsNull: false);

        Assert.Equal(DeadLetterReasonCode.RecordTooLarge, result.Reason?.Code);
    }

    [Fact]
    public void SizeIsCheckedBeforeParsing()
    {
        var garbage = Enumerable.Repeat((byte)0xFF, InputLimits.MaxRecordBytes + 1).ToArray();

        Assert.Equal(DeadLetterReasonCode.RecordTooLarge, InputRecordParser.Parse(TopicNames.Reads, "g-42"u8, garbage, valueIsNull: false).Reason?.Code);
    }

    [Theory]
    [MemberData(nameof(InputTopics))]
    public void NullValueIsValueMissing(string topic)
    {
        var reason = InputRecordParser.Parse(topic, "g-42"u8, [], valueIsNull: true).Reason;

        Assert.Equal(DeadLetterReasonCode.ValueMissing, reason?.Code);
        Assert.Contains(topic, reason!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyValueIsInvalidJsonNotValueMissing()
    {
        Assert.Equal(DeadLetterReasonCode.InvalidJson, InputRecordParser.Parse(TopicNames.Reads, "g-42"u8, [], valueIsNull: false).Reason?.Code);
    }

    [Fact]
    public void AbsentKeyIsKeyMissing()
    {
        var reason = InputRecordParser.Parse(TopicNames.Messages, [], Encoding.UTF8.GetBytes(Message), valueIsNull: false).Reason;

        Assert.Equal(DeadLetterReasonCode.KeyMissing, reason?.Code);
        Assert.Contains("\"g-42\"", reason!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InputTopics))]
    public void KeyThatDiffersFromConversationIdIsKeyMismatch(string topic)
    {
        var records =
            from record in ChatEventGenerators.ValidRecord(topic)
            from key in ChatEventGenerators.Id
            where key != record.Event.ConversationId
            select (record, key);

        Prop.ForAll(records.ToArbitrary(), sample =>
        {
            var result = InputRecordParser.Parse(topic, Encoding.UTF8.GetBytes(sample.key), sample.record.Value, valueIsNull: false);
            Assert.Equal(DeadLetterReasonCode.KeyMismatch, result.Reason?.Code);
        }).Check(PropertyChecks.Thorough);
    }

    [Theory]
    [InlineData("G-42")]
    [InlineData("g-42 ")]
    [InlineData("g-4")]
    [InlineData("\"g-42\"")]
    public void KeyMustEqualConversationIdExactly(string key)
    {
        var result = InputRecordParser.Parse(TopicNames.Messages, Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(Message), valueIsNull: false);

        Assert.Equal(DeadLetterReasonCode.KeyMismatch, result.Reason?.Code);
    }

    [Fact]
    public void KeyThatIsNotUtf8IsKeyMismatch()
    {
        var result = InputRecordParser.Parse(TopicNames.Messages, [0x67, 0xFF], Encoding.UTF8.GetBytes(Message), valueIsNull: false);

        Assert.Equal(DeadLetterReasonCode.KeyMismatch, result.Reason?.Code);
    }

    [Fact]
    public void KeyIsComparedWithTheUnescapedConversationId()
    {
        var json = Message.Replace("\"g-42\"", "\"g\\u002d42\"", StringComparison.Ordinal);

        Assert.True(InputRecordParser.Parse(TopicNames.Messages, "g-42"u8, Encoding.UTF8.GetBytes(json), valueIsNull: false).IsValid);
    }

    [Fact]
    public void FieldProblemsAreReportedBeforeKeyProblems()
    {
        var json = Message.Replace("101", "0", StringComparison.Ordinal);

        Assert.Equal(DeadLetterReasonCode.OutOfRange, InputRecordParser.Parse(TopicNames.Messages, [], Encoding.UTF8.GetBytes(json), valueIsNull: false).Reason?.Code);
    }

    /// <summary>A valid chat.messages value of exactly <paramref name="bytes"/> bytes, padded with an unknown field.</summary>
    private static byte[] PaddedMessage(int bytes)
    {
        var prefix = Message[..^1] + ",\"padding\":\"";
        var padding = new string('x', bytes - prefix.Length - "\"}".Length);
        var value = Encoding.UTF8.GetBytes(prefix + padding + "\"}");
        Assert.Equal(bytes, value.Length);
        return value;
    }
}
