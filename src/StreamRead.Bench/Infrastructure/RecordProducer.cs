using Confluent.Kafka;
using StreamRead.Kafka.Configuration;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// Produces pre-serialized input records as a gateway would (murmur2, idempotent, acks=all), with
/// LZ4 batches: compressed batches keep a whole scenario under the dev broker's 5 MiB per partition.
/// </summary>
internal sealed class RecordProducer : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private long _failed;
    private string? _firstError;

    public RecordProducer(KafkaClientConfigFactory configs, TimeSpan? linger = null)
    {
        var config = configs.CreateProducerConfig();
        config.CompressionType = CompressionType.Lz4;
        config.LingerMs = (linger ?? TimeSpan.FromMilliseconds(5)).TotalMilliseconds;
        config.BatchSize = 1_000_000;
        config.QueueBufferingMaxMessages = 1_000_000;
        config.QueueBufferingMaxKbytes = 1_000_000;
        _producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref _failed);
                Interlocked.CompareExchange(ref _firstError, report.Error.Reason, null);
            }
        };
    }

    public void Produce(in BenchRecord record)
    {
        var message = new Message<byte[], byte[]>
        {
            Key = record.Key,
            Value = record.Value,
            Timestamp = new Timestamp(record.TimestampMs, TimestampType.CreateTime),
        };
        while (true)
        {
            try
            {
                _producer.Produce(record.Topic, message, _onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    /// <summary>Produces every record and waits for all acknowledgements.</summary>
    public void ProduceAll(IEnumerable<BenchRecord> records)
    {
        foreach (var record in records)
        {
            Produce(record);
        }

        Flush();
    }

    /// <summary>Waits for every acknowledgement; a lost record would make the figures meaningless.</summary>
    public void Flush()
    {
        if (_producer.Flush(TimeSpan.FromMinutes(2)) > 0)
        {
            throw new TimeoutException("the broker did not acknowledge the bench's records within 2 minutes");
        }

        if (Interlocked.Read(ref _failed) > 0)
        {
            throw new InvalidOperationException($"{_failed} bench record(s) were not delivered (first error: {_firstError})");
        }
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
