using System.Diagnostics;
using Confluent.Kafka;
using StreamRead.Runtime;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// The latency baseline: the same two broker hops as the pipeline (inputs -> processor ->
/// receipts -> reader) with nothing done in between. A bare consumer of the three inputs forwards
/// every record to the receipts topic (same key, value and timestamp; a header names the input)
/// in batches cut as the tuned processor cuts them (<see cref="BatchDelay"/> after a batch's first
/// record), with the processor's consumer and producer settings (10 ms fetch wait, 2 ms linger,
/// LZ4, status-only delivery reports). So the receipts partitions get a record batch per flush as
/// they do from the processor, one record per input record (the processor writes about as many),
/// and its latency is what the broker alone costs.
/// </summary>
internal sealed class BareRelay : IDisposable
{
    /// <summary>Header of each forwarded record: the index of its input in <see cref="TopicSet.Inputs"/>.</summary>
    public const string InputHeader = "input";

    /// <summary>How long a batch collects records after its first one: the tuned processor's batch delay.</summary>
    public static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(10);

    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly TopicSet _topics;
    private long _forwarded;
    private long _failed;
    private Exception? _error;

    public BareRelay(BenchServices services, TopicSet topics, int partitions)
    {
        _topics = topics;
        var consumerConfig = services.Configs.CreateConsumerConfig(topics.Prefix + "relay");
        consumerConfig.EnableAutoCommit = false;
        consumerConfig.FetchWaitMaxMs = 10;
        _consumer = new ConsumerBuilder<byte[], byte[]>(consumerConfig).Build();
        _consumer.Assign(topics.Inputs.SelectMany(t => Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(t, p, Offset.Beginning))));
        var producerConfig = services.Configs.CreateProducerConfig();
        producerConfig.LingerMs = 2;
        producerConfig.CompressionType = CompressionType.Lz4;
        producerConfig.DeliveryReportFields = "status";
        producerConfig.QueueBufferingMaxMessages = 1_000_000;
        _producer = new ProducerBuilder<byte[], byte[]>(producerConfig).Build();
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-relay" };
        _thread.Start();
    }

    /// <summary>Records forwarded so far.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
        if (_error is not null || Interlocked.Read(ref _failed) > 0)
        {
            throw new InvalidOperationException($"the bare relay failed ({_failed} record(s) not delivered)", _error);
        }
    }

    private void Run()
    {
        Action<DeliveryReport<byte[], byte[]>> onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref _failed);
            }
        };
        var batch = new List<Message<byte[], byte[]>>();
        var batchStarted = 0L;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var wait = batch.Count == 0 ? TimeSpan.FromMilliseconds(100) : BatchDelay - Stopwatch.GetElapsedTime(batchStarted);
                if (wait > TimeSpan.Zero && _consumer.Consume(wait) is { } record)
                {
                    if (batch.Count == 0)
                    {
                        batchStarted = Stopwatch.GetTimestamp();
                    }

                    batch.Add(new Message<byte[], byte[]>
                    {
                        Key = record.Message.Key,
                        Value = record.Message.Value,
                        Timestamp = record.Message.Timestamp,
                        Headers = [new Header(InputHeader, [(byte)_topics.InputIndexOf(record.Topic)])],
                    });
                    continue;
                }

                if (batch.Count > 0 && Stopwatch.GetElapsedTime(batchStarted) >= BatchDelay)
                {
                    foreach (var message in batch)
                    {
                        _producer.Produce(_topics.Receipts, message, onDelivery);
                    }

                    Interlocked.Add(ref _forwarded, batch.Count);
                    batch.Clear();
                }
            }
        }
        catch (Exception e)
        {
            _error = e;
        }
    }
}
