using Confluent.Kafka;
using StreamRead.Contracts.Events;
using StreamRead.Kafka.Producing;

namespace StreamRead.Api.Tests.Demo;

/// <summary>A gateway producer that keeps what it is given, in order.</summary>
internal sealed class RecordingProducer : IChatEventProducer
{
    public List<IChatEvent> Events { get; } = [];

    public Task<DeliveryResult<string, byte[]>> ProduceAsync(MessageSent message, CancellationToken cancellationToken = default) => Record(message);

    public Task<DeliveryResult<string, byte[]>> ProduceAsync(ReadReported read, CancellationToken cancellationToken = default) => Record(read);

    public Task<DeliveryResult<string, byte[]>> ProduceAsync(MembershipChanged membership, CancellationToken cancellationToken = default) => Record(membership);

    public void Produce(MessageSent message, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null) => Events.Add(message);

    public void Produce(ReadReported read, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null) => Events.Add(read);

    public void Produce(MembershipChanged membership, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null) => Events.Add(membership);

    public int Flush(TimeSpan timeout) => 0;

    public void Dispose()
    {
    }

    private Task<DeliveryResult<string, byte[]>> Record(IChatEvent chatEvent)
    {
        Events.Add(chatEvent);
        return Task.FromResult(new DeliveryResult<string, byte[]>());
    }
}
