using System.Text;
using Confluent.Kafka;
using StreamRead.Contracts.Json;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.IntegrationTests.Processor.Support;
using StreamRead.Model;
using StreamRead.Redis.Serving;

using Xunit;

namespace StreamRead.IntegrationTests.Processor;

/// <summary>The processor and the Redis sink end to end on the dev broker (or STREAMREAD_KAFKA_BOOTSTRAP) and a real Redis.</summary>
[Collection(ProcessorTests.Collection)]
public sealed class ProcessorPipelineTests(KafkaClusterFixture kafka, RedisServerFixture redis)
{
    private static readonly ModelOptions Model = new();

    [Fact]
    public async Task A_scripted_multi_group_scenario_gives_exactly_the_expected_counts_readers_and_badges()
    {
        await using var pipeline = await Pipeline.CreateAsync(kafka, redis, "scenario");
        var scripted = Histories.Scripted("g-script");
        var random = Histories.Random(seed: 7, "g-rand-", conversations: 12, users: 15, events: 3_000, Histories.Start.AddHours(1));
        var huge = Histories.Huge("g-huge", 100_000);
        var history = scripted.Concat(random).Concat(huge).ToList();
        var expected = ExpectedServingState.From(history, Model);

        pipeline.StartProcessor();
        pipeline.StartRedisSink();
        await pipeline.ProduceInStepsAsync(history, chunk: 10_000, TimeSpan.FromSeconds(60));
        await pipeline.WaitForVersionsAsync(expected.Versions, TimeSpan.FromSeconds(30));

        // Hand-computed: the SPEC 2 rules, one at a time (see Histories.Scripted).
        var r = pipeline.Reader;
        var ct = TestContext.Current.CancellationToken;
        async Task<(long Read, long Unread, long Eligible)> Receipt(string c, long seq)
        {
            var receipt = (await r.GetReceiptAsync(c, seq, ct)).Value!;
            return (receipt.Read, receipt.Unread, receipt.Eligible);
        }

        // Eligible for 1..3: b, e (implicit member since the beginning), f; c left, d joined after 3, a sent it.
        Assert.Equal((2L, 1L, 3L), await Receipt("g-script", 1));
        Assert.Equal((2L, 1L, 3L), await Receipt("g-script", 3));
        // 4 and 5 add d; f read only privately; e's 10^15 report covers 5 (within 60 s) ...
        Assert.Equal((2L, 2L, 4L), await Receipt("g-script", 4));
        Assert.Equal((2L, 2L, 4L), await Receipt("g-script", 5));
        // ... but not 6, sent 200 s after it: nobody read 6 publicly; its sender b is not eligible.
        Assert.Equal((0L, 4L, 4L), await Receipt("g-script", 6));
        Assert.Equal(20, expected.Conversations["g-script"].Version);

        var readers = await ServingStateAssert.AllReadersAsync(pipeline, "g-script", 5, ReaderState.Read, limit: 1);
        Assert.Equal([("b", 6L), ("e", 5L)], readers.OrderBy(u => u.User).ToList());
        var unread = await ServingStateAssert.AllReadersAsync(pipeline, "g-script", 5, ReaderState.Unread, limit: 10);
        Assert.Equal([("d", 0L), ("f", 0L)], unread.OrderBy(u => u.User).ToList()); // f's private read stays private

        var badges = (await r.GetUnreadAsync("d", ct)).Value!;
        Assert.Equal((3L, 0L, 6L), (badges.Total, badges.Conversations.Single(c => c.ConversationId == "g-script").ReadSeq, badges.Conversations[0].LastSeq));
        Assert.Equal(0, (await r.GetUnreadAsync("f", ct)).Value!.Conversations.Single(c => c.ConversationId == "g-script").Unread);
        Assert.DoesNotContain((await r.GetUnreadAsync("c", ct)).Value!.Conversations, c => c.ConversationId == "g-script");
        Assert.False((await r.GetReceiptAsync("g-script", 7, ct)).Found);
        Assert.False((await r.GetReceiptAsync("nope", 1, ct)).Found);

        // The 100,000-member group: 99,999 eligible (all but the sender), 50,000 public readers.
        Assert.Equal((50_000L, 49_999L, 99_999L), await Receipt("g-huge", 3));
        Assert.Equal((50_000L, 49_999L, 99_999L), await Receipt("g-huge", 2)); // 10,000 private readers not counted
        var hugeReaders = await ServingStateAssert.AllReadersAsync(pipeline, "g-huge", 3, ReaderState.Read, limit: 1_000);
        Assert.Equal(50_000, hugeReaders.Count);
        Assert.Equal(50_000, hugeReaders.Select(u => u.User).Distinct().Count());
        Assert.Equal(1, (await r.GetUnreadAsync("u50001", ct)).Value!.Total); // read 2 privately: 3 is unread

        // Everything else against the model applied once per event.
        await ServingStateAssert.MatchesAsync(pipeline, expected);
    }

    /// <summary>
    /// With <c>Processor:Transactions</c>, each flush is one Kafka transaction (changelog, receipts,
    /// analytics, dead letters, markers and input offsets). Only a real cluster isolates them.
    /// </summary>
    [Fact]
    public async Task With_transactions_each_flush_commits_atomically_and_the_serving_state_is_the_same()
    {
        kafka.SkipOnMock("transactions are accepted without isolation and transactional offset commits are not stored");
        await using var pipeline = await Pipeline.CreateAsync(kafka, redis, "transactions");
        var history = Histories.Scripted("g-tx").Concat(Histories.Random(seed: 5, "g-tx-", 8, 12, 2_000, Histories.Start)).ToList();
        var expected = ExpectedServingState.From(history, Model);

        pipeline.StartProcessor(transactions: true);
        pipeline.StartRedisSink();
        pipeline.Produce(history);
        await pipeline.WaitForVersionsAsync(expected.Versions, TimeSpan.FromSeconds(120));

        await ServingStateAssert.MatchesAsync(pipeline, expected);
    }

    [Fact]
    public async Task Malformed_records_are_dead_lettered_with_their_reason_while_valid_ones_are_processed()
    {
        await using var pipeline = await Pipeline.CreateAsync(kafka, redis, "deadletter", partitions: 2);
        var valid = Histories.Scripted("g-dl");
        pipeline.Produce(valid);
        var bad = new (string Topic, string? Key, string? Value, string Code)[]
        {
            (pipeline.Topics.Reads, "g-dl", "{not json", "invalid_json"),
            (pipeline.Topics.Reads, "g-dl", """{"conversationId":"g-dl","userId":"x","readSeq":-3,"readAt":"2026-11-22T10:00:00Z"}""", "out_of_range"),
            (pipeline.Topics.Messages, "g-dl", """{"conversationId":"g-dl","seq":9,"senderId":"a","sentAt":"2026-11-22T10:00:00Z","kind":"broadcast"}""", "unknown_enum_value"),
            (pipeline.Topics.Members, "other", """{"conversationId":"g-dl","userId":"x","change":"joined","at":"2026-11-22T10:00:00Z"}""", "key_mismatch"),
            (pipeline.Topics.Messages, "g-dl", null, "value_missing"),
            (pipeline.Topics.Reads, "g-dl", "{\"conversationId\":\"g-dl\",\"userId\":\"" + new string('u', 300) + "\",\"readSeq\":1,\"readAt\":\"2026-11-22T10:00:00Z\"}", "invalid_id"),
        };
        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(pipeline.Configs.CreateProducerConfig()).Build())
        {
            foreach (var (topic, key, value, _) in bad)
            {
                await producer.ProduceAsync(topic, new Message<byte[]?, byte[]?>
                {
                    Key = key is null ? null : Encoding.UTF8.GetBytes(key),
                    Value = value is null ? null : Encoding.UTF8.GetBytes(value),
                }, TestContext.Current.CancellationToken);
            }
        }

        pipeline.StartProcessor();
        pipeline.StartRedisSink();
        var expected = ExpectedServingState.From(valid, Model);
        await pipeline.WaitForVersionsAsync(expected.Versions, TimeSpan.FromSeconds(60));
        await ServingStateAssert.MatchesAsync(pipeline, expected);

        var deadLetters = ReadAll(pipeline, pipeline.Topics.DeadLetter, bad.Length)
            .Select(m => ContractsSerializer.DeserializeDeadLetterRecord(m.Value))
            .ToList();
        Assert.Equal(bad.Select(b => b.Code).Order(), deadLetters.Select(d => d.Reason.Code.ToString()).Select(Snake).Order());
        foreach (var letter in deadLetters)
        {
            Assert.False(string.IsNullOrWhiteSpace(letter.Reason.Message));
            var original = bad.Single(b => Snake(letter.Reason.Code.ToString()) == b.Code);
            Assert.Equal(original.Topic, letter.SourceTopic);
            Assert.Equal(original.Value, letter.ValueBase64 is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(letter.ValueBase64)));
            Assert.True(letter.Offset >= 0);
        }
    }

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private static List<Message<byte[], byte[]>> ReadAll(Pipeline pipeline, string topic, int expected)
    {
        var config = pipeline.Configs.CreateConsumerConfig(topic + "-reader");
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var messages = new List<Message<byte[], byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (messages.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                messages.Add(record.Message);
            }
        }

        return messages;
    }
}
