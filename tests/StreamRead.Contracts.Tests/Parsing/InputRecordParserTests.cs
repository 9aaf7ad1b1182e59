using System.Text;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Topics;
using static StreamRead.Contracts.Tests.Support.Records;

namespace StreamRead.Contracts.Tests.Parsing;

/// <summary>Examples of the input contract (SPEC 1), including the rules JSON Schema validators cannot check.</summary>
public sealed class InputRecordParserTests
{
    private const string Message = """{"conversationId":"g-42","seq":101,"senderId":"u-7","sentAt":"2026-11-22T10:00:00.123Z","kind":"group"}""";
    private const string Read = """{"conversationId":"g-42","userId":"u-9","readSeq":101,"readAt":"2026-11-22T10:00:05Z","deviceId":"phone-1","private":false}""";
    private const string Membership = """{"conversationId":"g-42","userId":"u-9","change":"joined","at":"2026-11-22T09:00:00Z","afterSeq":100}""";

    [Fact]
    public void SpecExamplesParseToTheirEvents()
    {
        Assert.Equal(
            new MessageSent("g-42", 101, "u-7", new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero), ConversationKind.Group),
            ParseValid<MessageSent>(TopicNames.Messages, Message));
        Assert.Equal(
            new ReadReported("g-42", "u-9", 101, new DateTimeOffset(2026, 11, 22, 10, 0, 5, TimeSpan.Zero), "phone-1", Private: false),
            ParseValid<ReadReported>(TopicNames.Reads, Read));
        Assert.Equal(
            new MembershipChanged("g-42", "u-9", MembershipChange.Joined, new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), AfterSeq: 100),
            ParseValid<MembershipChanged>(TopicNames.Members, Membership));
    }

    [Theory]
    [InlineData("""{"conversationId":"g-42","seq":1,"senderId":"u","sentAt":"2026-11-22T10:00:00Z"}""")]
    [InlineData("""{"conversationId":"g-42","seq":1,"senderId":"u","sentAt":"2026-11-22T10:00:00Z","kind":null}""")]
    public void KindAbsentOrNullMeansGroup(string json)
    {
        Assert.Equal(ConversationKind.Group, ParseValid<MessageSent>(TopicNames.Messages, json).Kind);
    }

    [Fact]
    public void DirectKindIsRead()
    {
        Assert.Equal(ConversationKind.Direct, ParseValid<MessageSent>(TopicNames.Messages, Message.Replace("\"group\"", "\"direct\"")).Kind);
    }

    [Theory]
    [InlineData("""{"conversationId":"g-42","userId":"u","readSeq":5,"readAt":"2026-11-22T10:00:00Z"}""")]
    [InlineData("""{"conversationId":"g-42","userId":"u","readSeq":5,"readAt":"2026-11-22T10:00:00Z","deviceId":null,"private":null}""")]
    public void ReadOptionalsAbsentOrNullMeanNoDeviceAndPublic(string json)
    {
        var read = ParseValid<ReadReported>(TopicNames.Reads, json);

        Assert.Null(read.DeviceId);
        Assert.False(read.Private);
    }

    [Fact]
    public void PrivateReadIsRead()
    {
        Assert.True(ParseValid<ReadReported>(TopicNames.Reads, Read.Replace("\"private\":false", "\"private\":true")).Private);
    }

    [Theory]
    [InlineData("""{"conversationId":"g-42","userId":"u","change":"left","at":"2026-11-22T10:00:00Z"}""")]
    [InlineData("""{"conversationId":"g-42","userId":"u","change":"left","at":"2026-11-22T10:00:00Z","afterSeq":null}""")]
    public void AfterSeqAbsentOrNullIsNull(string json)
    {
        var membership = ParseValid<MembershipChanged>(TopicNames.Members, json);

        Assert.Equal(MembershipChange.Left, membership.Change);
        Assert.Null(membership.AfterSeq);
    }

    [Fact]
    public void UnknownFieldsAreIgnored()
    {
        var json = Message.Replace("{", """{"threadId":"t-1","readSeq":"x","meta":{"seq":-1,"deep":[[{"a":null}]]},""", StringComparison.Ordinal);

        Assert.Equal(101, ParseValid<MessageSent>(TopicNames.Messages, json).Seq);
    }

    [Fact]
    public void ReasonSaysWhichFieldIsWrongWhatWasExpectedAndWhatCame()
    {
        var reason = ParseInvalid(TopicNames.Messages, Message.Replace("101", "-3"));

        Assert.Equal(new DeadLetterReason(DeadLetterReasonCode.OutOfRange, "field 'seq' must be an integer >= 1, got -3"), reason);
    }

    [Fact]
    public void FirstProblemInFieldOrderIsReported()
    {
        // seq comes before senderId in chat.messages' field order, whatever the JSON order.
        var reason = ParseInvalid(TopicNames.Messages, """{"sentAt":"2026-11-22T10:00:00Z","senderId":"","seq":0,"conversationId":"g-42"}""");

        Assert.Equal(DeadLetterReasonCode.OutOfRange, reason.Code);
        Assert.Contains("'seq'", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedFieldLastOneWins()
    {
        Assert.Equal(7, ParseValid<MessageSent>(TopicNames.Messages, Message.Replace("\"seq\":101", "\"seq\":-1,\"seq\":7")).Seq);
        Assert.Equal(DeadLetterReasonCode.OutOfRange, ParseInvalid(TopicNames.Messages, Message.Replace("\"seq\":101", "\"seq\":7,\"seq\":-1")).Code);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("100000000000000000000000000000")]
    public void IntegerBeyond64BitsIsOutOfRange(string seq)
    {
        // Not in the agreement tests: NJsonSchema throws on integers beyond 64 bits.
        var reason = ParseInvalid(TopicNames.Messages, Message.Replace("101", seq));

        Assert.Equal(DeadLetterReasonCode.OutOfRange, reason.Code);
        Assert.Contains("64 bits", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int64MaxIsAccepted()
    {
        Assert.Equal(long.MaxValue, ParseValid<MessageSent>(TopicNames.Messages, Message.Replace("101", "9223372036854775807")).Seq);
    }

    [Theory]
    [InlineData("""{"conversationId":"g-42",} """, "trailing comma")]
    [InlineData("""{"conversationId":"g-42"} {}""", "two documents")]
    [InlineData("""{"conversationId":"g-42"} x""", "trailing content")]
    [InlineData("""{"conversationId":"g-42" /* comment */}""", "comment")]
    [InlineData("""{'conversationId':'g-42'}""", "single quotes")]
    [InlineData("""{conversationId:"g-42"}""", "unquoted name")]
    [InlineData("""{"conversationId":"g-42","seq":NaN}""", "NaN")]
    [InlineData("""{"conversationId":"g-42","seq":01}""", "leading zero")]
    [InlineData("{\"conversationId\":\"g\t42\"}", "raw control character in a string")]
    [InlineData("   ", "whitespace only")]
    public void OnlyStrictJsonIsAccepted(string json, string what)
    {
        // Newtonsoft (NJsonSchema's reader) tolerates several of these, so they are checked here.
        Assert.True(ParseInvalid(TopicNames.Messages, json).Code == DeadLetterReasonCode.InvalidJson, what);
    }

    [Fact]
    public void ValueThatIsNotUtf8IsInvalidJson()
    {
        var value = Encoding.UTF8.GetBytes(Message.Replace("u-7", "u-\u00e9")).ToList();
        value[value.IndexOf(0xC3)] = 0xFF;

        var result = InputRecordParser.Parse(TopicNames.Messages, "g-42"u8, value.ToArray(), valueIsNull: false);

        Assert.Equal(DeadLetterReasonCode.InvalidJson, result.Reason?.Code);
        Assert.Contains("UTF-8", result.Reason!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMarkIsInvalidJson()
    {
        var value = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Message)).ToArray();

        Assert.Equal(DeadLetterReasonCode.InvalidJson, InputRecordParser.Parse(TopicNames.Messages, "g-42"u8, value, valueIsNull: false).Reason?.Code);
    }

    [Theory]
    [InlineData("""{"conversationId":"g-42","seq":101,"senderId":"u-\ud800","sentAt":"2026-11-22T10:00:00Z"}""")]
    [InlineData("""{"\udc00":1,"conversationId":"g-42","seq":101,"senderId":"u-7","sentAt":"2026-11-22T10:00:00Z"}""")]
    public void UnpairedSurrogateEscapeIsInvalidJsonNotACrash(string json)
    {
        Assert.Equal(DeadLetterReasonCode.InvalidJson, ParseInvalid(TopicNames.Messages, json).Code);
    }

    [Fact]
    public void IdLengthCountsCodePointsSoAstralCharactersCountOnce()
    {
        // Not in the agreement tests: NJsonSchema counts UTF-16 units, JSON Schema counts code points.
        var emoji = char.ConvertFromUtf32(0x1F600);
        var longest = string.Concat(Enumerable.Repeat(emoji, InputLimits.MaxIdLength));

        Assert.Equal(longest, ParseValid<MessageSent>(TopicNames.Messages, Message.Replace("u-7", longest)).SenderId);
        var reason = ParseInvalid(TopicNames.Messages, Message.Replace("u-7", longest + emoji));
        Assert.Equal(DeadLetterReasonCode.InvalidId, reason.Code);
        Assert.Contains("got 257 characters", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-02-29T10:00:00Z", "February 29 of a non-leap year")]
    [InlineData("1900-02-29T10:00:00Z", "February 29 of a century that is not a leap year")]
    [InlineData("0001-01-01T00:30:00+01:00", "before year 1 in UTC")]
    [InlineData("9999-12-31T23:59:59-01:00", "after year 9999 in UTC")]
    public void TimestampThatIsNoRealInstantIsInvalid(string sentAt, string what)
    {
        // The schemas' pattern cannot express these.
        Assert.True(ParseInvalid(TopicNames.Messages, Message.Replace("2026-11-22T10:00:00.123Z", sentAt)).Code == DeadLetterReasonCode.InvalidTimestamp, what);
    }

    [Fact]
    public void LeapDayIsAccepted()
    {
        Assert.Equal(29, ParseValid<MessageSent>(TopicNames.Messages, Message.Replace("2026-11-22", "2000-02-29")).SentAt.Day);
    }

    [Fact]
    public void EscapedTextIsUnescapedBeforeItIsChecked()
    {
        var json = """{"conversationId":"g\u002d42","seq":1,"senderId":"\u0075-7","sentAt":"2026\u002d11-22T10:00:00Z","kind":"dir\u0065ct"}""";

        var message = ParseValid<MessageSent>(TopicNames.Messages, json, key: "g-42");

        Assert.Equal(new MessageSent("g-42", 1, "u-7", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), ConversationKind.Direct), message);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("42", "a number (42)")]
    [InlineData("null", "null")]
    [InlineData("\"g-42\"", "a string (\"g-42\")")]
    public void ValueThatIsNotAnObjectSaysWhatItIs(string json, string description)
    {
        var reason = ParseInvalid(TopicNames.Reads, json);

        Assert.Equal(DeadLetterReasonCode.NotAnObject, reason.Code);
        Assert.EndsWith($"got {description}", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongOffendingValuesAreShortenedInMessages()
    {
        var reason = ParseInvalid(TopicNames.Messages, Message.Replace("2026-11-22T10:00:00.123Z", new string('9', 5000)));

        Assert.Equal(DeadLetterReasonCode.InvalidTimestamp, reason.Code);
        Assert.True(reason.Message.Length < 300, reason.Message);
    }

    [Fact]
    public void TopicThatIsNotAnInputIsACallerBug()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            InputRecordParser.Parse(TopicNames.Receipts, "g-42"u8, Encoding.UTF8.GetBytes(Message), valueIsNull: false));

        Assert.Contains(TopicNames.Messages, exception.Message, StringComparison.Ordinal);
    }
}
