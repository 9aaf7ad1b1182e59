using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using NJsonSchema;
using StreamRead.Contracts.Control;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.Contracts.Receipts;
using StreamRead.Contracts.Tests.Support;
using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Tests.Json;

/// <summary>The output records of SPEC 3 as <see cref="ContractsSerializer"/> writes them: valid against their schemas, readable back.</summary>
public sealed class OutputRecordTests
{
    [Fact]
    public void ReceiptUpdatesValidateAgainstTheirSchemaAndDeclareEveryProperty()
    {
        Prop.ForAll(OutputRecordGenerators.ReceiptUpdate.ToArbitrary(), update =>
        {
            var json = Encoding.UTF8.GetString(ContractsSerializer.Serialize(update));
            Assert.True(TopicSchemas.Accepts(TopicNames.Receipts, json), TopicSchemas.Explain(TopicNames.Receipts, json));
            AssertEveryPropertyIsDeclared(JsonNode.Parse(json), TopicSchemas.For(TopicNames.Receipts), "$");
        }).Check(PropertyChecks.Thorough);
    }

    [Fact]
    public void ReceiptUpdatesReadBackToWhatWasWritten()
    {
        Prop.ForAll(OutputRecordGenerators.ReceiptUpdate.ToArbitrary(), update =>
        {
            var bytes = ContractsSerializer.Serialize(update);
            var readBack = ContractsSerializer.DeserializeReceiptUpdate(bytes);

            // Record equality compares the lists by reference, so compare contents.
            Assert.Equal(update with { Messages = [], Counts = [], Evicted = [], Watermarks = [], Members = [], Badges = [] },
                readBack with { Messages = [], Counts = [], Evicted = [], Watermarks = [], Members = [], Badges = [] });
            Assert.Equal(update.Messages, readBack.Messages);
            Assert.Equal(update.Counts, readBack.Counts);
            Assert.Equal(update.Evicted, readBack.Evicted);
            Assert.Equal(update.Watermarks, readBack.Watermarks);
            Assert.Equal(update.Members, readBack.Members);
            Assert.Equal(update.Badges, readBack.Badges);
        }).Check(PropertyChecks.Thorough);
    }

    [Fact]
    public void EmptyListsAreOmittedAndAbsentListsReadBackEmpty()
    {
        var update = new ReceiptUpdate("g-42", 7, ConversationKind.Direct, 0, 0, 0, DateTimeOffset.UnixEpoch) { Evicted = [3] };

        var json = JsonNode.Parse(ContractsSerializer.Serialize(update))!.AsObject();
        var readBack = ContractsSerializer.DeserializeReceiptUpdate(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(["conversationId", "version", "kind", "lastSeq", "messageCount", "hotWindowFrom", "evicted", "emittedAt"], json.Select(p => p.Key));
        Assert.Equal("direct", json["kind"]!.GetValue<string>());
        Assert.Empty(readBack.Messages);
        Assert.Empty(readBack.Badges);
        Assert.Equal([3L], readBack.Evicted);
    }

    [Fact]
    public void FormerMemberIsWrittenWithoutAfterSeq()
    {
        var update = new ReceiptUpdate("g-42", 7, ConversationKind.Group, 5, 5, 1, DateTimeOffset.UnixEpoch) { Members = [new ReceiptMember("u-9", false, null)] };

        var member = JsonNode.Parse(ContractsSerializer.Serialize(update))!["members"]![0]!.AsObject();

        Assert.Equal(["userId", "member"], member.Select(p => p.Key));
    }

    [Fact]
    public void ReceiptUpdateWithoutARequiredFieldIsRejectedWhenRead()
    {
        Assert.Throws<System.Text.Json.JsonException>(() =>
            ContractsSerializer.DeserializeReceiptUpdate("""{"conversationId":"g-42","version":1,"kind":"group","lastSeq":0,"messageCount":0,"emittedAt":"2026-11-22T10:00:00Z"}"""u8));
        Assert.Throws<System.Text.Json.JsonException>(() =>
            ContractsSerializer.DeserializeReceiptUpdate("""{"conversationId":"g-42","version":1,"kind":"group","lastSeq":0,"messageCount":0,"hotWindowFrom":0,"messages":null,"emittedAt":"2026-11-22T10:00:00Z"}"""u8));
    }

    [Fact]
    public void DeadLetterRecordsValidateAgainstTheirSchemaAndDeclareEveryProperty()
    {
        Prop.ForAll(OutputRecordGenerators.DeadLetter.ToArbitrary(), sample =>
        {
            var json = Encoding.UTF8.GetString(ContractsSerializer.Serialize(sample.Record));
            Assert.True(TopicSchemas.Accepts(TopicNames.DeadLetter, json), TopicSchemas.Explain(TopicNames.DeadLetter, json));
            AssertEveryPropertyIsDeclared(JsonNode.Parse(json), TopicSchemas.For(TopicNames.DeadLetter), "$");
        }).Check(PropertyChecks.Thorough);
    }

    [Fact]
    public void DeadLetterRecordKeepsTheOriginalBytesLosslessly()
    {
        Prop.ForAll(OutputRecordGenerators.DeadLetter.ToArbitrary(), sample =>
        {
            var readBack = ContractsSerializer.DeserializeDeadLetterRecord(ContractsSerializer.Serialize(sample.Record));

            Assert.Equal(sample.Record, readBack);
            Assert.Equal(sample.Key, readBack.KeyBase64 is null ? null : Convert.FromBase64String(readBack.KeyBase64));
            Assert.Equal(sample.Value, readBack.ValueBase64 is null ? null : Convert.FromBase64String(readBack.ValueBase64));
            var keyIsText = sample.Key is not null && System.Text.Unicode.Utf8.IsValid(sample.Key);
            Assert.Equal(keyIsText ? Encoding.UTF8.GetString(sample.Key!) : null, readBack.Key);
        }).Check(PropertyChecks.Thorough);
    }

    [Fact]
    public void DeadLetterRecordWritesNullKeyAndValueExplicitly()
    {
        var record = DeadLetterRecord.Create(TopicNames.Reads, 2, 17, DateTimeOffset.UnixEpoch, key: null, value: null,
            new DeadLetterReason(DeadLetterReasonCode.ValueMissing, "record value is null"), DateTimeOffset.UnixEpoch);

        var json = JsonNode.Parse(ContractsSerializer.Serialize(record))!.AsObject();

        Assert.All(["key", "keyBase64", "valueBase64"], name => Assert.True(json.ContainsKey(name) && json[name] is null, name));
        Assert.Equal("value_missing", json["reason"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public void ReasonCodesAreWrittenWithTheirWireNames()
    {
        foreach (var code in Enum.GetValues<DeadLetterReasonCode>())
        {
            var record = DeadLetterRecord.Create(TopicNames.Messages, 0, 0, DateTimeOffset.UnixEpoch, [1], [2], new DeadLetterReason(code, "m"), DateTimeOffset.UnixEpoch);

            var json = JsonNode.Parse(ContractsSerializer.Serialize(record))!;

            Assert.Equal(code.ToWireName(), json["reason"]!["code"]!.GetValue<string>());
        }
    }

    [Fact]
    public void ServingRebuildRequestsValidateAgainstTheirSchemaAndReadBack()
    {
        var request = new ServingRebuildRequest("redis", "sr@host-1", "serving epoch marker sr:serving-epoch is missing", new DateTimeOffset(2026, 11, 22, 10, 0, 5, TimeSpan.Zero));

        var bytes = ContractsSerializer.Serialize(request);
        var json = Encoding.UTF8.GetString(bytes);

        Assert.True(TopicSchemas.Accepts(TopicNames.Control, json), TopicSchemas.Explain(TopicNames.Control, json));
        AssertEveryPropertyIsDeclared(JsonNode.Parse(json), TopicSchemas.For(TopicNames.Control), "$");
        Assert.Equal(request, ContractsSerializer.DeserializeServingRebuildRequest(bytes));
        Assert.Throws<System.Text.Json.JsonException>(() => ContractsSerializer.DeserializeServingRebuildRequest("""{"store":"redis"}"""u8));
    }

    [Fact]
    public void AFullStateUpdateSaysSoAndAMessageBelowTheHotWindowHasNoSendTime()
    {
        var update = new ReceiptUpdate("g-42", 7, ConversationKind.Group, 2, 2, 2, DateTimeOffset.UnixEpoch)
        {
            FullState = true,
            Messages = [new ReceiptMessage(1, "u-7", null), new ReceiptMessage(2, "u-7", DateTimeOffset.UnixEpoch)],
        };

        var json = JsonNode.Parse(ContractsSerializer.Serialize(update))!.AsObject();

        Assert.True(json["fullState"]!.GetValue<bool>());
        Assert.Equal(["seq", "senderId"], json["messages"]![0]!.AsObject().Select(p => p.Key));
        Assert.True(TopicSchemas.Accepts(TopicNames.Receipts, json.ToJsonString()), TopicSchemas.Explain(TopicNames.Receipts, json.ToJsonString()));
        Assert.False(JsonNode.Parse(ContractsSerializer.Serialize(update with { FullState = false }))!.AsObject().ContainsKey("fullState"));
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
