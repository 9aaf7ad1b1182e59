using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.Kafka.Configuration;

namespace StreamRead.Kafka.Producing;

/// <summary>
/// The gateway producer (<see cref="IChatEventProducer"/>) over one Confluent.Kafka producer.
/// </summary>
/// <remarks>
/// Key = conversationId in UTF-8 and the murmur2 partitioner (<see cref="KafkaClientConfigFactory"/>)
/// put every event of a conversation on the same partition number of the three input topics.
/// The record timestamp is the event's own time (sentAt, readAt, at), not the send time: the
/// processor's read-before-message window (SPEC 2.5) runs on record timestamps.
/// Thread-safe; create one per process and dispose it at shutdown (it flushes first).
/// </remarks>
public sealed class ChatEventProducer : IChatEventProducer
{
    private static readonly TimeSpan DisposeFlushTimeout = TimeSpan.FromSeconds(10);

    private readonly IProducer<string, byte[]> _producer;
    private readonly ChatEventTopics _topics;

    /// <summary>Creates the producer from StreamRead's client settings.</summary>
    /// <param name="clientConfigs">Connection settings; the producer config it makes fixes the partitioner.</param>
    /// <param name="topics">Target topics; <see cref="ChatEventTopics.Default"/> when null.</param>
    public ChatEventProducer(KafkaClientConfigFactory clientConfigs, ChatEventTopics? topics = null)
    {
        _topics = topics ?? ChatEventTopics.Default;
        _producer = new ProducerBuilder<string, byte[]>(clientConfigs.CreateProducerConfig())
            .SetKeySerializer(Serializers.Utf8)
            .SetValueSerializer(Serializers.ByteArray)
            .Build();
    }

    /// <inheritdoc />
    public Task<DeliveryResult<string, byte[]>> ProduceAsync(MessageSent message, CancellationToken cancellationToken = default) =>
        _producer.ProduceAsync(_topics.Messages, ToRecord(message, message.SentAt, ContractsJsonContext.Default.MessageSent), cancellationToken);

    /// <inheritdoc />
    public Task<DeliveryResult<string, byte[]>> ProduceAsync(ReadReported read, CancellationToken cancellationToken = default) =>
        _producer.ProduceAsync(_topics.Reads, ToRecord(read, read.ReadAt, ContractsJsonContext.Default.ReadReported), cancellationToken);

    /// <inheritdoc />
    public Task<DeliveryResult<string, byte[]>> ProduceAsync(MembershipChanged membership, CancellationToken cancellationToken = default) =>
        _producer.ProduceAsync(_topics.Members, ToRecord(membership, membership.At, ContractsJsonContext.Default.MembershipChanged), cancellationToken);

    /// <inheritdoc />
    public void Produce(MessageSent message, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null) =>
        ProduceWaitingForRoom(_topics.Messages, ToRecord(message, message.SentAt, ContractsJsonContext.Default.MessageSent), deliveryHandler);

    /// <inheritdoc />
    public void Produce(ReadReported read, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null) =>
        ProduceWaitingForRoom(_topics.Reads, ToRecord(read, read.ReadAt, ContractsJsonContext.Default.ReadReported), deliveryHandler);

    /// <inheritdoc />
    public void Produce(MembershipChanged membership, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null) =>
        ProduceWaitingForRoom(_topics.Members, ToRecord(membership, membership.At, ContractsJsonContext.Default.MembershipChanged), deliveryHandler);

    /// <inheritdoc />
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <summary>Flushes what is still queued (up to 10 s), then releases the producer.</summary>
    public void Dispose()
    {
        _producer.Flush(DisposeFlushTimeout);
        _producer.Dispose();
    }

    /// <summary>
    /// Back-pressure for gateways producing faster than the broker acknowledges: when the local
    /// queue is full, serve delivery reports until there is room instead of failing the event.
    /// </summary>
    private void ProduceWaitingForRoom(string topic, Message<string, byte[]> record, Action<DeliveryReport<string, byte[]>>? deliveryHandler)
    {
        while (true)
        {
            try
            {
                _producer.Produce(topic, record, deliveryHandler);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private static Message<string, byte[]> ToRecord<T>(T chatEvent, DateTimeOffset eventTime, JsonTypeInfo<T> typeInfo)
        where T : IChatEvent
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        return new Message<string, byte[]>
        {
            Key = chatEvent.ConversationId,
            Value = JsonSerializer.SerializeToUtf8Bytes(chatEvent, typeInfo),
            Timestamp = new Timestamp(eventTime),
        };
    }
}
