using Confluent.Kafka;

namespace StreamRead.Runtime.Commit;

/// <summary>
/// Produces a flush's records and reports, on <see cref="Flush"/>, whether all were
/// acknowledged (after Kafka Streams' RecordCollector). Transactions are used when the
/// collector was built transactional.
/// </summary>
internal interface IRecordCollector : IDisposable
{
    bool IsTransactional { get; }

    void BeginTransaction();

    void Send(OutputRecord record);

    /// <summary>Waits until every record sent so far is acknowledged.</summary>
    /// <exception cref="KafkaException">A record could not be delivered; the flush must not commit.</exception>
    void Flush(CancellationToken cancellationToken);

    /// <summary>Commits the transaction together with the consumer offsets it covers.</summary>
    void CommitTransaction(IReadOnlyList<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata);
}
