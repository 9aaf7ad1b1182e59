using System.Text;
using Confluent.Kafka;
using StreamRead.Contracts.Control;
using StreamRead.Contracts.Json;
using StreamRead.Kafka.Configuration;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Runtime.Control;

/// <summary>
/// Asks the processors to rebuild a serving store: produces a <see cref="ServingRebuildRequest"/> to
/// partition 0 of <c>streamread.control</c> and waits for the acknowledgement. Every processor
/// instance then emits the full state of every conversation it owns (docs/design.md, "Rebuilding
/// the serving store").
/// </summary>
public sealed class ServingRebuildRequester : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly TopicPartition _partition;
    private readonly string _store;
    private readonly string _requestedBy;
    private readonly StreamReadMetrics _metrics;
    private readonly TimeProvider _time;

    /// <param name="configs">Where Kafka is.</param>
    /// <param name="topics">The deployment's topic names (prefix).</param>
    /// <param name="store">Which store asks, e.g. <c>redis</c>.</param>
    /// <param name="requestedBy">Who asks, for the processors' logs, e.g. the key prefix and host.</param>
    /// <param name="metrics">Counts the requests.</param>
    /// <param name="time">The clock stamping requests.</param>
    public ServingRebuildRequester(KafkaClientConfigFactory configs, TopicSet topics, string store, string requestedBy, StreamReadMetrics metrics, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(topics);
        _producer = new ProducerBuilder<byte[], byte[]>(configs.CreateProducerConfig()).Build();
        // Partition 0 explicitly: processors read only that one (the topic has one; an
        // auto-created topic would have more, and the key would scatter requests).
        _partition = new TopicPartition(topics.Control, 0);
        _store = store;
        _requestedBy = requestedBy;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Produces the request and returns once Kafka acknowledged it.</summary>
    /// <exception cref="ProduceException{TKey, TValue}">Kafka refused it; the caller retries (its store is still empty).</exception>
    public async Task RequestAsync(string reason, CancellationToken cancellationToken)
    {
        var request = new ServingRebuildRequest(_store, _requestedBy, reason, _time.GetUtcNow());
        await _producer.ProduceAsync(_partition, new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(_requestedBy),
            Value = ContractsSerializer.Serialize(request),
        }, cancellationToken).ConfigureAwait(false);
        _metrics.RecordRebuildRequest(_store);
    }

    public void Dispose() => _producer.Dispose();
}
