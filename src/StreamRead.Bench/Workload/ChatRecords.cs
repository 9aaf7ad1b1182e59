using System.Collections.Concurrent;
using System.Text;
using StreamRead.Bench.Infrastructure;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.Runtime;

namespace StreamRead.Bench.Workload;

/// <summary>Input records of a scenario's topics, serialized as a gateway sends them (SPEC 1).</summary>
internal sealed class ChatRecords(TopicSet topics)
{
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public TopicSet Topics => topics;

    public BenchRecord Message(string conversationId, long seq, string senderId, long timestampMs) =>
        new(topics.Messages, Key(conversationId),
            ContractsSerializer.Serialize(new MessageSent(conversationId, seq, senderId, DateTimeOffset.FromUnixTimeMilliseconds(timestampMs))),
            timestampMs);

    public BenchRecord Read(string conversationId, string userId, long readSeq, long timestampMs) =>
        new(topics.Reads, Key(conversationId),
            ContractsSerializer.Serialize(new ReadReported(conversationId, userId, readSeq, DateTimeOffset.FromUnixTimeMilliseconds(timestampMs), "phone")),
            timestampMs);

    public BenchRecord Join(string conversationId, string userId, long timestampMs) =>
        new(topics.Members, Key(conversationId),
            ContractsSerializer.Serialize(new MembershipChanged(conversationId, userId, MembershipChange.Joined, DateTimeOffset.FromUnixTimeMilliseconds(timestampMs), 0)),
            timestampMs);

    private byte[] Key(string conversationId) => _keys.GetOrAdd(conversationId, id => Encoding.UTF8.GetBytes(id));
}
