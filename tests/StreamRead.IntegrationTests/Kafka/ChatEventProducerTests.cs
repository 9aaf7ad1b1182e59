using System.Text.Json;
using Confluent.Kafka;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.Kafka.Producing;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

/// <summary>The gateway producer's wire contract (SPEC 1), checked on whatever cluster the fixture runs.</summary>
public sealed class ChatEventProducerTests(KafkaClusterFixture kafka)
{
    private const int Partitions = 8;
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public async Task Every_event_lands_on_the_partition_the_java_client_picks_for_its_conversation()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = await CreateTopicsAsync(ct);
        // Short, long, non-ASCII and block-boundary (4n, 4n+1..3 bytes) keys exercise every murmur2 branch.
        var conversations = Enumerable.Range(0, 40).Select(i => $"g-{i}")
            .Concat(["d", "ab", "abc", "abcd", "groupe-é-42", "会話-7", new string('x', 257)])
            .ToList();

        using (var producer = new ChatEventProducer(kafka.ClientConfigs, topics))
        {
            await Task.WhenAll(conversations.SelectMany(conversation => new[]
            {
                producer.ProduceAsync(new MessageSent(conversation, 1, "u-1", T0), ct),
                producer.ProduceAsync(new ReadReported(conversation, "u-2", 1, T0), ct),
                producer.ProduceAsync(new MembershipChanged(conversation, "u-2", MembershipChange.Joined, T0), ct),
            }));
        }

        foreach (var topic in new[] { topics.Messages, topics.Reads, topics.Members })
        {
            var records = TopicReader.Read(kafka.ClientConfigs, topic, Partitions, conversations.Count, ct);
            Assert.Equal(conversations.Order(StringComparer.Ordinal), records.Select(r => r.Message.Key).Order(StringComparer.Ordinal));
            Assert.All(records, r => Assert.Equal(KeyPartitioner.PartitionOf(r.Message.Key, Partitions), r.Partition.Value));
        }
    }

    [Fact]
    public async Task Records_carry_the_conversation_key_the_event_as_json_and_the_event_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = await CreateTopicsAsync(ct);
        var message = new MessageSent("g-42", 101, "u-7", T0, ConversationKind.Direct);
        var read = new ReadReported("g-42", "u-9", 101, T0.AddSeconds(5), "phone-1", Private: true);
        var joined = new MembershipChanged("g-42", "u-9", MembershipChange.Joined, T0.AddHours(-1), AfterSeq: 100);

        using (var producer = new ChatEventProducer(kafka.ClientConfigs, topics))
        {
            await producer.ProduceAsync(message, ct);
            await producer.ProduceAsync(read, ct);
            await producer.ProduceAsync(joined, ct);
        }

        var sent = Assert.Single(TopicReader.Read(kafka.ClientConfigs, topics.Messages, Partitions, 1, ct));
        var reported = Assert.Single(TopicReader.Read(kafka.ClientConfigs, topics.Reads, Partitions, 1, ct));
        var changed = Assert.Single(TopicReader.Read(kafka.ClientConfigs, topics.Members, Partitions, 1, ct));
        Assert.All([sent, reported, changed], r => Assert.Equal("g-42", r.Message.Key));
        Assert.Equal(message, JsonSerializer.Deserialize(sent.Message.Value, ContractsJsonContext.Default.MessageSent));
        Assert.Equal(read, JsonSerializer.Deserialize(reported.Message.Value, ContractsJsonContext.Default.ReadReported));
        Assert.Equal(joined, JsonSerializer.Deserialize(changed.Message.Value, ContractsJsonContext.Default.MembershipChanged));
        // The processor's early-read window (SPEC 2.5) runs on these timestamps.
        Assert.Equal(message.SentAt.ToUnixTimeMilliseconds(), sent.Message.Timestamp.UnixTimestampMs);
        Assert.Equal(read.ReadAt.ToUnixTimeMilliseconds(), reported.Message.Timestamp.UnixTimestampMs);
        Assert.Equal(joined.At.ToUnixTimeMilliseconds(), changed.Message.Timestamp.UnixTimestampMs);
        Assert.All([sent, reported, changed], r => Assert.Equal(TimestampType.CreateTime, r.Message.Timestamp.Type));
        Assert.Contains("\"conversationId\":\"g-42\"", System.Text.Encoding.UTF8.GetString(sent.Message.Value));
    }

    [Fact]
    public async Task Queued_events_are_all_delivered_once_flush_returns()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = await CreateTopicsAsync(ct);
        const int count = 2_000;
        var delivered = 0;
        var failed = 0;
        int stillQueued;

        using (var producer = new ChatEventProducer(kafka.ClientConfigs, topics))
        {
            for (var i = 0; i < count; i++)
            {
                producer.Produce(new ReadReported($"g-{i % 50}", $"u-{i}", i + 1, T0.AddMilliseconds(i)), report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    else
                    {
                        Interlocked.Increment(ref delivered);
                    }
                });
            }

            stillQueued = producer.Flush(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(0, stillQueued);
        Assert.Equal(0, failed);
        Assert.Equal(count, delivered);
        Assert.Equal(count, TopicReader.Read(kafka.ClientConfigs, topics.Reads, Partitions, count, ct).Count);
    }

    private async Task<ChatEventTopics> CreateTopicsAsync(CancellationToken ct)
    {
        var topics = new ChatEventTopics(kafka.UniqueName("messages"), kafka.UniqueName("reads"), kafka.UniqueName("members"));
        foreach (var topic in new[] { topics.Messages, topics.Reads, topics.Members })
        {
            await kafka.CreateTopicAsync(topic, Partitions, cancellationToken: ct);
        }

        return topics;
    }
}
