using System.Text;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Tests.Support;

namespace StreamRead.Contracts.Tests.Schemas;

/// <summary>The hand-written samples: the shipped schema and the parser give the same verdict, and the parser the reason a sample is named after.</summary>
public sealed class SampleAgreementTests
{
    private static readonly DeadLetterReasonCode[] FieldCodes =
    [
        DeadLetterReasonCode.MissingField, DeadLetterReasonCode.WrongType, DeadLetterReasonCode.NotAnInteger, DeadLetterReasonCode.OutOfRange,
        DeadLetterReasonCode.InvalidId, DeadLetterReasonCode.InvalidTimestamp, DeadLetterReasonCode.UnknownEnumValue,
    ];

    public static TheoryData<string> ValidSamples => [.. SampleFiles.List("valid")];

    public static TheoryData<string> InvalidSamples => [.. SampleFiles.List("invalid")];

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void ValidSampleIsAcceptedBySchemaAndParser(string sample)
    {
        var (topic, json) = SampleFiles.Load(sample);

        Assert.True(TopicSchemas.Accepts(topic, json), TopicSchemas.Explain(topic, json));
        var result = Parse(topic, json);
        Assert.True(result.IsValid, result.ToString());
    }

    [Theory]
    [MemberData(nameof(InvalidSamples))]
    public void InvalidSampleIsRejectedBySchemaAndParserForTheReasonInItsName(string sample)
    {
        var (topic, json) = SampleFiles.Load(sample);
        var nameParts = Path.GetFileNameWithoutExtension(sample).Split('.');
        var expectedCode = nameParts[0];

        Assert.False(TopicSchemas.Accepts(topic, json), "the schema accepts it");
        var result = Parse(topic, json);
        Assert.False(result.IsValid, $"the parser accepts it: {result}");
        Assert.Equal(expectedCode, result.Reason.Code.ToWireName());
        if (FieldCodes.Contains(result.Reason.Code))
        {
            var field = nameParts[1].Split('-')[0];
            Assert.Contains($"'{field}'", result.Reason.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryReasonASchemaCanExpressHasAnInvalidSample()
    {
        var covered = SampleFiles.List("invalid").Select(sample => Path.GetFileName(sample).Split('.')[0]).ToHashSet();

        var expressible = FieldCodes.Append(DeadLetterReasonCode.InvalidJson).Append(DeadLetterReasonCode.NotAnObject);
        Assert.All(expressible, code => Assert.Contains(code.ToWireName(), covered));
    }

    private static ParseResult Parse(string topic, string json) =>
        InputRecordParser.Parse(topic, Encoding.UTF8.GetBytes(SampleFiles.KeyOf(json)), Encoding.UTF8.GetBytes(json), valueIsNull: false);
}
