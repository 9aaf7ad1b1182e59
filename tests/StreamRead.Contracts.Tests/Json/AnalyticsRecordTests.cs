using System.Text;
using System.Text.Json.Nodes;
using NJsonSchema;
using StreamRead.Contracts.Analytics;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Tests.Support;
using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Tests.Json;

/// <summary><c>streamread.analytics</c> records (SPEC 3) as the processor writes them: valid against their schema, readable back.</summary>
public sealed class AnalyticsRecordTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero);

    private static readonly AnalyticsUpdate Full = new("g-42", 312, ConversationKind.Group, 4, 99, T0.AddSeconds(5))
    {
        Messages = [new AnalyticsMessage(101, "u-7", ConversationKind.Direct, T0, 3)],
        ReadAdvances =
        [
            new AnalyticsReadAdvance("u-9", 99, 101, 2, ReadAdvanceCause.Read, false, 4, T0.AddSeconds(5), 5000)
            {
                ReadThrough = [new ReadThroughCount(T0.AddHours(-1).AddMilliseconds(-123).AddMinutes(-1), 1, 1), new ReadThroughCount(T0.AddMilliseconds(-123), 1, 1)],
            },
            new AnalyticsReadAdvance("u-8", 100, 101, 0, ReadAdvanceCause.Send, true, 4, T0, LatencyMs: null),
        ],
        Milestones = [new AnalyticsMilestone(MessageMilestone.HalfRead, 101, T0, T0.AddSeconds(5), 2, 3)],
        Badges = [new AnalyticsBadge("u-9", true, 0, 101), new AnalyticsBadge("u-1", false, 0, 12)],
    };

    [Fact]
    public void AnUpdateWithEveryFieldValidatesAgainstItsSchemaAndDeclaresEveryProperty()
    {
        var json = Encoding.UTF8.GetString(ContractsSerializer.Serialize(Full));

        Assert.True(TopicSchemas.Accepts(TopicNames.Analytics, json), TopicSchemas.Explain(TopicNames.Analytics, json));
        AssertEveryPropertyIsDeclared(JsonNode.Parse(json), TopicSchemas.For(TopicNames.Analytics), "$");
    }

    [Fact]
    public void AnUpdateReadsBackToWhatWasWrittenAndAnAbsentLatencyStaysAbsent()
    {
        var bytes = ContractsSerializer.Serialize(Full);
        var readBack = ContractsSerializer.DeserializeAnalyticsUpdate(bytes);

        Assert.Equal(Full with { Messages = [], ReadAdvances = [], Milestones = [], Badges = [] }, readBack with { Messages = [], ReadAdvances = [], Milestones = [], Badges = [] });
        Assert.Equal(Full.Messages, readBack.Messages);
        Assert.Equal(Full.ReadAdvances.Select(a => a with { ReadThrough = [] }), readBack.ReadAdvances.Select(a => a with { ReadThrough = [] }));
        Assert.Equal(Full.ReadAdvances[0].ReadThrough, readBack.ReadAdvances[0].ReadThrough);
        Assert.Equal(Full.Milestones, readBack.Milestones);
        Assert.Equal(Full.Badges, readBack.Badges);
        Assert.False(JsonNode.Parse(bytes)!["readAdvances"]![1]!.AsObject().ContainsKey("latencyMs"));
        Assert.Equal("send", JsonNode.Parse(bytes)!["readAdvances"]![1]!["cause"]!.GetValue<string>());
        Assert.Equal("halfRead", JsonNode.Parse(bytes)!["milestones"]![0]!["milestone"]!.GetValue<string>());
    }

    [Fact]
    public void EmptyListsAreOmittedAndAbsentListsReadBackEmpty()
    {
        var update = new AnalyticsUpdate("d-1", 7, ConversationKind.Direct, 2, 0, T0) { Badges = [new AnalyticsBadge("u-1", true, 0, 0)] };

        var json = JsonNode.Parse(ContractsSerializer.Serialize(update))!.AsObject();
        var readBack = ContractsSerializer.DeserializeAnalyticsUpdate(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(["conversationId", "version", "kind", "memberCount", "messageCount", "badges", "emittedAt"], json.Select(p => p.Key));
        Assert.Empty(readBack.Messages);
        Assert.Empty(readBack.ReadAdvances);
        Assert.Empty(readBack.Milestones);
    }

    [Fact]
    public void TheSchemaExampleIsAReadableUpdate()
    {
        var example = JsonNode.Parse(File.ReadAllText(TopicSchemas.PathOf(TopicNames.Analytics)))!["examples"]![0]!.ToJsonString();

        var update = ContractsSerializer.DeserializeAnalyticsUpdate(Encoding.UTF8.GetBytes(example));

        Assert.True(TopicSchemas.Accepts(TopicNames.Analytics, example));
        Assert.Equal(("g-42", 2L, 5000L), (update.ConversationId, update.ReadAdvances[0].NewlyRead, update.ReadAdvances[0].LatencyMs!.Value));
        Assert.Equal(2, update.ReadAdvances[0].ReadThrough.Count);
    }

    private static void AssertEveryPropertyIsDeclared(JsonNode? node, JsonSchema schema, string path)
    {
        schema = schema.ActualSchema;
        switch (node)
        {
            case JsonObject record:
                foreach (var (name, value) in record)
                {
                    Assert.True(schema.Properties.TryGetValue(name, out var property), $"{path}.{name} is not declared in the schema");
                    AssertEveryPropertyIsDeclared(value, property, $"{path}.{name}");
                }

                break;
            case JsonArray items:
                Assert.NotNull(schema.Item);
                foreach (var item in items)
                {
                    AssertEveryPropertyIsDeclared(item, schema.Item, $"{path}[]");
                }

                break;
        }
    }
}
