using FsCheck;
using FsCheck.Fluent;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Tests.Support;
using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Tests.Schemas;

/// <summary>
/// FsCheck: for random valid records in every allowed spelling and for one-rule mutations of them,
/// NJsonSchema's verdict with the shipped schema equals the parser's, and the parser names the rule
/// the mutation broke (SPEC 1).
/// </summary>
public sealed class GeneratedAgreementTests
{
    public static TheoryData<string> InputTopics => [.. TopicNames.Inputs];

    [Theory]
    [MemberData(nameof(InputTopics))]
    public void SchemaAndParserAcceptEveryValidSpellingAndTheParserReadsTheEvent(string topic)
    {
        Prop.ForAll(ChatEventGenerators.ValidRecord(topic).ToArbitrary(), record =>
        {
            Assert.True(TopicSchemas.Accepts(topic, record.Json), TopicSchemas.Explain(topic, record.Json));
            var result = InputRecordParser.Parse(topic, record.Key, record.Value, valueIsNull: false);
            Assert.True(result.IsValid, result.ToString());
            Assert.Equal(record.Event, result.Event);
        }).Check(PropertyChecks.Thorough);
    }

    [Theory]
    [MemberData(nameof(InputTopics))]
    public void SchemaAndParserRejectEveryMutationAndTheParserNamesTheBrokenRule(string topic)
    {
        Prop.ForAll(MutatedRecord.Of(topic).ToArbitrary(), record =>
        {
            Assert.False(TopicSchemas.Accepts(topic, record.Json), "the schema accepts it");
            var result = InputRecordParser.Parse(topic, record.Key, record.Value, valueIsNull: false);
            Assert.False(result.IsValid, "the parser accepts it");
            Assert.Equal(record.Mutation.Expected, result.Reason.Code);
            Assert.Contains($"'{record.Mutation.Field}'", result.Reason.Message, StringComparison.Ordinal);
        }).Check(PropertyChecks.Thorough);
    }
}
