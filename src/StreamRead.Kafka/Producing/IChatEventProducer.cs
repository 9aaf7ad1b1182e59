using Confluent.Kafka;
using StreamRead.Contracts.Events;

namespace StreamRead.Kafka.Producing;

/// <summary>
/// What a chat gateway uses to publish StreamRead's input events (SPEC 1): each event goes to its
/// topic, keyed by its conversation, as JSON, with the event's own time as the record timestamp.
/// </summary>
/// <remarks>
/// Use <c>ProduceAsync</c> when the caller waits for the acknowledgement (one event per request);
/// use <c>Produce</c> with a delivery handler at high rates (it only queues), then <see cref="Flush"/>
/// before shutdown. Events of one conversation keep their order either way (idempotent producer).
/// </remarks>
public interface IChatEventProducer : IDisposable
{
    /// <summary>Sends a message-sent event to the messages topic and waits for the acknowledgement.</summary>
    Task<DeliveryResult<string, byte[]>> ProduceAsync(MessageSent message, CancellationToken cancellationToken = default);

    /// <summary>Sends a read report to the reads topic and waits for the acknowledgement.</summary>
    Task<DeliveryResult<string, byte[]>> ProduceAsync(ReadReported read, CancellationToken cancellationToken = default);

    /// <summary>Sends a membership change to the members topic and waits for the acknowledgement.</summary>
    Task<DeliveryResult<string, byte[]>> ProduceAsync(MembershipChanged membership, CancellationToken cancellationToken = default);

    /// <summary>Queues a message-sent event; <paramref name="deliveryHandler"/> runs on the producer's poll thread.</summary>
    /// <exception cref="ProduceException{TKey, TValue}">The local queue is full (<see cref="ErrorCode.Local_QueueFull"/>): flush or slow down, then retry.</exception>
    void Produce(MessageSent message, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null);

    /// <summary>Queues a read report; see <see cref="Produce(MessageSent, Action{DeliveryReport{string, byte[]}}?)"/>.</summary>
    void Produce(ReadReported read, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null);

    /// <summary>Queues a membership change; see <see cref="Produce(MessageSent, Action{DeliveryReport{string, byte[]}}?)"/>.</summary>
    void Produce(MembershipChanged membership, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null);

    /// <summary>Waits until every queued event is acknowledged or <paramref name="timeout"/> passes.</summary>
    /// <returns>The number of events still queued (0 when everything was delivered).</returns>
    int Flush(TimeSpan timeout);
}
