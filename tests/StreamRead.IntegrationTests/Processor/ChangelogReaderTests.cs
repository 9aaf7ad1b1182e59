using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.Runtime.Changelog;
using Xunit;

namespace StreamRead.IntegrationTests.Processor;

/// <summary>The restore consumer on a real broker: reads a changelog partition to its end, committed batches only.</summary>
public sealed class ChangelogReaderTests(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task Restore_reads_the_whole_partition_and_keeps_only_committed_batches()
    {
        var topic = kafka.UniqueName("changelog");
        await kafka.CreateTopicAsync(topic, 2, cancellationToken: TestContext.Current.CancellationToken);
        using (var producer = new ProducerBuilder<byte[], byte[]>(kafka.ClientConfigs.CreateProducerConfig()).Build())
        {
            void Send(ChangelogKey key, byte[] value, BatchId batch) =>
                producer.Produce(new TopicPartition(topic, 1), new Message<byte[], byte[]>
                {
                    Key = key.Encode(),
                    Value = value,
                    Headers = [new Header(BatchId.HeaderName, batch.Encode())],
                });

            for (var sequence = 1; sequence <= 300; sequence++)
            {
                var batch = new BatchId(1, sequence);
                Send(ChangelogKey.ForConversation($"c{sequence % 50}"), [(byte)sequence], batch);
                Send(ChangelogKey.ForMarker(1), new BatchMarker(batch, new Dictionary<string, long> { ["in"] = sequence }).Encode(), batch);
            }

            Send(ChangelogKey.ForConversation("crashed"), [1], new BatchId(1, 301)); // no marker
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var reader = new ChangelogReader(kafka.ClientConfigs.CreateConsumerConfig(topic + "-g"), readCommitted: false, NullLogger.Instance);
        var restored = reader.Restore(new TopicPartition(topic, 1), TestContext.Current.CancellationToken);
        var empty = reader.Restore(new TopicPartition(topic, 0), TestContext.Current.CancellationToken);

        Assert.Equal(601, restored.RecordsRead);
        Assert.Equal(1, restored.RecordsDiscarded);
        Assert.Equal(50, restored.Records.Count);
        Assert.Equal(new BatchId(1, 300), restored.LatestMarker!.Batch);
        Assert.Equal(300, restored.LatestMarker.NextOffsets["in"]);
        Assert.Equal(601, reader.EndOffset(new TopicPartition(topic, 1)));
        Assert.Equal(0, empty.RecordsRead);
    }
}
