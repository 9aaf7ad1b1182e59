using Confluent.Kafka;
using StreamRead.Runtime.Changelog;

namespace StreamRead.Runtime.Commit;

/// <summary>An <see cref="IRecordCollector"/> on one idempotent (optionally transactional) producer.</summary>
internal sealed class KafkaRecordCollector : IRecordCollector
{
    private static readonly TimeSpan TransactionTimeout = TimeSpan.FromSeconds(30);

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;

    // Records sent and not acknowledged yet; Flush waits for zero. librdkafka's own flush checks
    // every 10 ms, which made each of a flush's two round trips (records, then markers) cost 10 to
    // 50 ms on the dev broker (docs/benchmarks.md, latency); delivery reports come as they arrive.
    private readonly object _gate = new();
    private long _outstanding;
    private Error? _firstError;

    public KafkaRecordCollector(ProducerConfig config, string? transactionalId)
    {
        var settings = new ProducerConfig(new Dictionary<string, string>(config))
        {
            // Dead letters carry originals up to the input limit, base64-encoded in JSON.
            MessageMaxBytes = 16 * 1024 * 1024,
            QueueBufferingMaxMessages = 1_000_000,
            LingerMs = 2,
            // Outputs are about as many records as the input: compressed, they cost the broker a
            // fraction of the bytes (ceiling 0.13-0.25 -> 0.32-0.42, docs/benchmarks.md). Kafka:Settings may choose another.
            CompressionType = config.CompressionType ?? CompressionType.Lz4,
            // Only whether each record was stored: the default copies every key and value back
            // into the delivery report, work the flush waits for (docs/benchmarks.md, ceiling).
            DeliveryReportFields = "status",
        };
        if (transactionalId is not null)
        {
            settings.TransactionalId = transactionalId;
        }

        _producer = new ProducerBuilder<byte[], byte[]>(settings).Build();
        IsTransactional = transactionalId is not null;
        if (IsTransactional)
        {
            _producer.InitTransactions(TransactionTimeout);
        }

        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref _firstError, report.Error, null);
            }

            Acknowledged();
        };
    }

    public bool IsTransactional { get; }

    public void BeginTransaction() => _producer.BeginTransaction();

    public void Send(OutputRecord record)
    {
        var message = new Message<byte[], byte[]> { Key = record.Key!, Value = record.Value! };
        if (record.Batch is { } batch)
        {
            message.Headers = [new Header(BatchId.HeaderName, batch.Encode())];
        }

        lock (_gate)
        {
            _outstanding++;
        }

        while (true)
        {
            try
            {
                if (record.Partition is { } partition)
                {
                    _producer.Produce(new TopicPartition(record.Topic, partition), message, _onDelivery);
                }
                else
                {
                    _producer.Produce(record.Topic, message, _onDelivery);
                }

                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: wait for acknowledgements to free the local queue.
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
            catch
            {
                Acknowledged(); // not sent, so no delivery report will come for it
                throw;
            }
        }
    }

    public void Flush(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            while (_outstanding > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(100));
            }
        }

        if (Interlocked.Exchange(ref _firstError, null) is { } error)
        {
            throw new KafkaException(error);
        }
    }

    public void CommitTransaction(IReadOnlyList<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata)
    {
        _producer.SendOffsetsToTransaction(offsets, groupMetadata, TransactionTimeout);
        _producer.CommitTransaction(TransactionTimeout);
    }

    public void Dispose() => _producer.Dispose();

    private void Acknowledged()
    {
        lock (_gate)
        {
            if (--_outstanding == 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
