using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamRead.Contracts.Json;
using StreamRead.Kafka.Configuration;
using StreamRead.Runtime;

namespace StreamRead.Api.Push;

/// <summary>
/// Feeds the <see cref="PushHub"/> from <c>streamread.receipts</c>. It reads every partition from
/// the end, without a consumer group and without committing offsets: a new stream's first state
/// comes from Redis, so the push never needs history, and each API instance sees every update.
/// A failure stops the host rather than leaving streams silently frozen.
/// </summary>
internal sealed class ReceiptPushConsumer(
    PushHub hub,
    KafkaClientConfigFactory configs,
    IOptions<PushOptions> options,
    ILogger<ReceiptPushConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan PartitionCheckInterval = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var topic = new TopicSet(options.Value.TopicPrefix).Receipts;
        // librdkafka wants a group id even for manual assignment; nothing joins or commits with it.
        var config = new ConsumerConfig(configs.CreateConsumerConfig($"streamread-push-{Guid.NewGuid():N}"))
        {
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Latest,
            FetchWaitMaxMs = (int)Math.Max(1, options.Value.FetchWait.TotalMilliseconds),
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, message) => Log.KafkaClient(logger, message.Level.ToString(), message.Message))
            .Build();
        // Its own admin client, not one on the consumer's handle: Confluent.Kafka 1.9's dependent
        // admin client polls its result queue with a zero timeout and kept a core ~40 % busy
        // (confluent-kafka-dotnet#1762, fixed in 2.0; docs/benchmarks.md, latency).
        using var admin = new AdminClientBuilder(configs.CreateAdminClientConfig()).Build();
        var assigned = 0;
        var nextCheck = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (DateTime.UtcNow >= nextCheck)
            {
                assigned = AssignNewPartitions(consumer, admin, topic, assigned);
                nextCheck = DateTime.UtcNow + (assigned == 0 ? TimeSpan.FromSeconds(1) : PartitionCheckInterval);
            }

            if (assigned == 0)
            {
                stoppingToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
                continue;
            }

            ConsumeResult<byte[], byte[]>? record;
            try
            {
                record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                Log.ConsumeFailed(logger, e.Error.Reason);
                continue;
            }

            if (record is null || record.IsPartitionEOF || record.Message.Value is null)
            {
                continue;
            }

            // The key is the conversation: most updates concern nobody with an open stream.
            var conversationId = record.Message.Key is { } key ? Encoding.UTF8.GetString(key) : null;
            if (conversationId is not null && !hub.IsWatched(conversationId))
            {
                hub.Skip(conversationId);
                continue;
            }

            try
            {
                hub.Apply(ContractsSerializer.DeserializeReceiptUpdate(record.Message.Value));
            }
            catch (System.Text.Json.JsonException e)
            {
                Log.UndecodableUpdate(logger, record.TopicPartitionOffset.ToString(), e.Message);
            }
        }

        consumer.Close();
    }

    /// <summary>Assigns partitions beyond the first <paramref name="assigned"/> at their end; returns the partition count.</summary>
    private int AssignNewPartitions(IConsumer<byte[], byte[]> consumer, IAdminClient admin, string topic, int assigned)
    {
        int partitions;
        try
        {
            var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.SingleOrDefault(t => t.Topic == topic);
            partitions = metadata is { Error.IsError: false } ? metadata.Partitions.Count : 0;
        }
        catch (KafkaException e)
        {
            Log.ConsumeFailed(logger, e.Error.Reason);
            return assigned;
        }

        if (partitions == 0 && assigned == 0)
        {
            Log.WaitingForTopic(logger, topic);
        }

        if (partitions > assigned)
        {
            consumer.IncrementalAssign(Enumerable.Range(assigned, partitions - assigned)
                .Select(p => new TopicPartitionOffset(topic, p, Offset.End)));
            Log.Assigned(logger, topic, partitions);
            return partitions;
        }

        return assigned;
    }
}
