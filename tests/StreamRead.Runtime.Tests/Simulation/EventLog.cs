using System.Text;
using Confluent.Kafka;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;

namespace StreamRead.Runtime.Tests.Simulation;

/// <summary>
/// A seeded, valid input history for partition 0 of the three inputs: joins, leaves and rejoins
/// with explicit afterSeq, messages with times rising with seq, public, private and early reads,
/// duplicates, plus a few malformed records that must be dead-lettered.
/// </summary>
internal sealed class EventLog
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private EventLog(List<ConsumeResult<byte[], byte[]>> records) => Records = records;

    /// <summary>Records in production order, with offsets per topic.</summary>
    public List<ConsumeResult<byte[], byte[]>> Records { get; }

    public int Malformed { get; private init; }

    public static EventLog Generate(int seed, TopicSet topics, int conversations, int events)
    {
        var random = new Random(seed);
        var offsets = new Dictionary<string, long>();
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var lastSeq = new long[conversations];
        var time = Start;
        var malformed = 0;
        var produced = new List<(string Topic, string Key, byte[] Value, DateTimeOffset Time)>();

        void Add(string topic, string key, byte[] value, DateTimeOffset at)
        {
            var offset = offsets.GetValueOrDefault(topic);
            offsets[topic] = offset + 1;
            records.Add(new ConsumeResult<byte[], byte[]>
            {
                Topic = topic,
                Partition = 0,
                Offset = offset,
                Message = new Message<byte[], byte[]>
                {
                    Key = Encoding.UTF8.GetBytes(key),
                    Value = value,
                    Timestamp = new Timestamp(at),
                },
            });
            produced.Add((topic, key, value, at));
        }

        for (var i = 0; i < events; i++)
        {
            time = time.AddMilliseconds(random.Next(1, 500));
            var c = random.Next(conversations);
            var conversation = $"c{c}";
            var user = $"u{random.Next(8)}";
            var roll = random.Next(100);
            if (roll < 4 && produced.Count > 0)
            {
                // A redelivery of an earlier record.
                var (topic, key, value, at) = produced[random.Next(produced.Count)];
                Add(topic, key, value, at);
            }
            else if (roll < 6)
            {
                malformed++;
                Add(topics.Reads, conversation, Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "{not json" : "{\"conversationId\":\"x\"}"), time);
            }
            else if (roll < 20)
            {
                var joined = random.Next(3) > 0;
                var afterSeq = Math.Max(0, lastSeq[c] - random.Next(3));
                Add(topics.Members, conversation, ContractsSerializer.Serialize(new MembershipChanged(
                    conversation, user, joined ? MembershipChange.Joined : MembershipChange.Left, time, afterSeq)), time);
            }
            else if (roll < 50)
            {
                lastSeq[c] += 1 + (random.Next(10) == 0 ? 1 : 0); // sometimes a gap
                Add(topics.Messages, conversation, ContractsSerializer.Serialize(new MessageSent(
                    conversation, lastSeq[c], user, time, random.Next(5) == 0 ? ConversationKind.Direct : ConversationKind.Group)), time);
            }
            else
            {
                // Reads up to a little beyond the last seq now and then (early reads).
                var readSeq = Math.Max(1, lastSeq[c] - random.Next(4) + (random.Next(6) == 0 ? 2 : 0));
                Add(topics.Reads, conversation, ContractsSerializer.Serialize(new ReadReported(
                    conversation, user, readSeq, time, "d1", random.Next(4) == 0)), time);
            }
        }

        return new EventLog(records) { Malformed = malformed };
    }
}
