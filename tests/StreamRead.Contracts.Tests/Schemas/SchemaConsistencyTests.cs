using System.Text;
using System.Text.Json.Nodes;
using NJsonSchema;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Tests.Support;
using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Tests.Schemas;

/// <summary>The shipped schemas say what SPEC 1 and the code say, and say it the same way everywhere.</summary>
public sealed class SchemaConsistencyTests
{
    private static readonly string[] SchemaTopics = [.. TopicNames.Inputs, TopicNames.Receipts, TopicNames.DeadLetter, TopicNames.Control];

    public static TheoryData<string> InputTopics => [.. TopicNames.Inputs];

    [Fact]
    public void EverySchemaIsDraft07WithTitleAndDescriptions()
    {
        foreach (var topic in SchemaTopics)
        {
            var document = JsonNode.Parse(File.ReadAllText(TopicSchemas.PathOf(topic)))!;
            Assert.Equal("http://json-schema.org/draft-07/schema#", document["$schema"]!.GetValue<string>());
            Assert.Equal($"{topic} record value", document["title"]!.GetValue<string>());
            Assert.All(Properties(TopicSchemas.For(topic)), property =>
                Assert.False(string.IsNullOrWhiteSpace(property.Value.Description), $"{topic}: {property.Key} has no description"));
        }
    }

    [Fact]
    public void EveryTimestampOfEverySchemaSharesOnePattern()
    {
        var patterns = SchemaTopics
            .SelectMany(topic => Properties(TopicSchemas.For(topic)))
            .Where(property => property.Value.Format == "date-time")
            .Select(property => property.Value.Pattern)
            .Distinct()
            .ToList();

        Assert.Equal([TopicSchemas.TimestampPattern.ToString()], patterns);
    }

    [Theory]
    [MemberData(nameof(InputTopics))]
    public void InputSchemaDeclaresTheSpecFieldsRequiresTheRequiredOnesAndAllowsUnknownOnes(string topic)
    {
        var schema = TopicSchemas.For(topic);
        var fields = InputFieldSpec.Of(topic);

        Assert.Equal(fields.Select(f => f.Name).Order(), schema.Properties.Keys.Order());
        Assert.Equal(fields.Where(f => f.Required).Select(f => f.Name).Order(), schema.RequiredProperties.Order());
        Assert.True(schema.AllowAdditionalProperties);
        Assert.All(fields.Where(f => f.Type == InputFieldType.Id), field =>
        {
            Assert.Equal(1, schema.Properties[field.Name].MinLength);
            Assert.Equal(InputLimits.MaxIdLength, schema.Properties[field.Name].MaxLength);
        });
        Assert.All(fields.Where(f => f.Type == InputFieldType.Integer), field =>
            Assert.Equal(field.Minimum, schema.Properties[field.Name].Minimum));
    }

    [Fact]
    public void DeadLetterSchemaListsEveryReasonCode()
    {
        var codes = TopicSchemas.For(TopicNames.DeadLetter).Properties["reason"].Properties["code"].Enumeration.Select(value => (string)value!);

        Assert.Equal(Enum.GetValues<DeadLetterReasonCode>().Select(code => code.ToWireName()).Order(), codes.Order());
    }

    [Theory]
    [MemberData(nameof(InputTopics))]
    public void InputSchemaExampleIsAValidRecord(string topic)
    {
        var example = Example(topic);

        Assert.True(TopicSchemas.Accepts(topic, example));
        Assert.True(Records.Parse(topic, example).IsValid);
    }

    [Fact]
    public void OutputSchemaExamplesAreReadableRecords()
    {
        var receipt = Example(TopicNames.Receipts);
        var deadLetter = Example(TopicNames.DeadLetter);

        Assert.True(TopicSchemas.Accepts(TopicNames.Receipts, receipt));
        Assert.Equal("g-42", ContractsSerializer.DeserializeReceiptUpdate(Encoding.UTF8.GetBytes(receipt)).ConversationId);
        Assert.True(TopicSchemas.Accepts(TopicNames.DeadLetter, deadLetter));
        var record = ContractsSerializer.DeserializeDeadLetterRecord(Encoding.UTF8.GetBytes(deadLetter));
        Assert.Equal(record.Key, Encoding.UTF8.GetString(Convert.FromBase64String(record.KeyBase64!)));
    }

    private static string Example(string topic) =>
        JsonNode.Parse(File.ReadAllText(TopicSchemas.PathOf(topic)))!["examples"]![0]!.ToJsonString();

    private static IEnumerable<KeyValuePair<string, JsonSchemaProperty>> Properties(JsonSchema schema)
    {
        foreach (var property in schema.ActualSchema.Properties)
        {
            yield return property;
            var nested = property.Value.Item ?? property.Value;
            foreach (var inner in Properties(nested))
            {
                yield return inner;
            }
        }
    }
}
