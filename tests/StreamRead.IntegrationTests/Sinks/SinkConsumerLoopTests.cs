using System.Collections.Concurrent;
using Confluent.Kafka;
using StreamRead.IntegrationTests.Analytics.Support;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.Sinks;

using Xunit;

namespace StreamRead.IntegrationTests.Sinks;

/// <summary>
/// The sink consumer loop writes one batch in the background while it consumes the next: writes
/// must still reach the store one at a time and in offset order, a failing store must be waited
/// out, and no offset may be committed past a batch that was not written.
/// </summary>
public sealed class SinkConsumerLoopTests(KafkaClusterFixture kafka)
{
    private const int Partitions = 2;
    private const int RecordsPerPartition = 600;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batches_are_written_one_at_a_time_in_offset_order_and_a_failing_store_loses_nothing()
    {
        var topic = await CreateTopicWithRecordsAsync();
        var store = new FlakyStore { FailFromCall = 5, Failures = 4 };
        var log = new CapturingLogger();

        await using (Start(topic, topic + "-sink", store, log))
        {
            await WaitUntilAsync(() => store.Written.Count >= Partitions * RecordsPerPartition, "every record written", store, log);
            await AnalyticsSinkRunner.WaitForCommittedEndAsync(kafka.ClientConfigs, topic, topic + "-sink", Partitions, TimeSpan.FromSeconds(30));
        }

        Assert.Equal(1, store.MaxConcurrentWrites);
        Assert.True(store.FailedCalls >= 4, $"the store failed {store.FailedCalls} times");
        for (var p = 0; p < Partitions; p++)
        {
            // No crash, so exactly once, in the order of the partition.
            Assert.Equal(Enumerable.Range(0, RecordsPerPartition).Select(o => (long)o), store.Written.Where(w => w.Partition == p).Select(w => w.Offset));
        }
    }

    [Fact]
    public async Task Stopped_while_a_batch_is_being_written_it_finishes_that_write_and_commits_it()
    {
        var topic = await CreateTopicWithRecordsAsync();
        var group = topic + "-sink";
        var store = new FlakyStore { SlowWrites = TimeSpan.FromMilliseconds(500) };
        var log = new CapturingLogger();

        await using (Start(topic, group, store, log))
        {
            await WaitUntilAsync(() => store.StartedCalls >= 1, "a write to start", store, log);
        }

        var committed = Committed(topic, group);
        Assert.True(committed.Sum() > 0, "the write in flight at the stop was given up instead of finished and committed");
        var written = store.Written.ToHashSet();
        for (var p = 0; p < Partitions; p++)
        {
            Assert.All(Enumerable.Range(0, (int)committed[p]), offset => Assert.Contains(new Item(p, offset), written));
        }
    }

    [Fact]
    public async Task Stopped_while_the_store_is_down_it_commits_nothing_past_what_was_written_and_the_next_run_writes_the_rest()
    {
        var topic = await CreateTopicWithRecordsAsync();
        var group = topic + "-sink";
        var store = new FlakyStore { FailFromCall = 3, Failures = int.MaxValue };
        var log = new CapturingLogger();

        await using (Start(topic, group, store, log))
        {
            await WaitUntilAsync(() => store.FailedCalls >= 3, "the store to fail a few times", store, log);
        }

        var written = store.Written.ToHashSet();
        var committed = Committed(topic, group);
        for (var p = 0; p < Partitions; p++)
        {
            Assert.All(Enumerable.Range(0, (int)committed[p]), offset => Assert.Contains(new Item(p, offset), written));
        }

        Assert.True(committed.Sum() < Partitions * RecordsPerPartition, "the store went down before the end, so the end cannot be committed");

        store.Failures = 0;
        await using (Start(topic, group, store, log))
        {
            await WaitUntilAsync(() => store.Written.Select(w => w.Partition).Distinct().Count() == Partitions && store.Written.Count(w => w.Offset == RecordsPerPartition - 1) == Partitions,
                "the rest written", store, log);
            await AnalyticsSinkRunner.WaitForCommittedEndAsync(kafka.ClientConfigs, topic, group, Partitions, TimeSpan.FromSeconds(30));
        }

        Assert.Equal(1, store.MaxConcurrentWrites);
        for (var p = 0; p < Partitions; p++)
        {
            Assert.Equal(Enumerable.Range(0, RecordsPerPartition).Select(o => (long)o),
                store.Written.Where(w => w.Partition == p).Select(w => w.Offset).Distinct().Order());
        }
    }

    private BackgroundLoop Start(string topic, string group, FlakyStore store, CapturingLogger log)
    {
        var options = new SinkOptions
        {
            GroupId = group,
            MaxBatchRecords = 40,
            MaxBatchDelay = TimeSpan.FromMilliseconds(5),
            RetryBackoff = TimeSpan.FromMilliseconds(20),
            MaxRetryBackoff = TimeSpan.FromMilliseconds(50),
        };
        // A short session: the dev broker lets a restarted member's group wait out the old member's session.
        var config = kafka.ClientConfigs.CreateConsumerConfig(group);
        config.SessionTimeoutMs = 6_000;
        config.HeartbeatIntervalMs = 1_000;
        var loop = new SinkConsumerLoop<Item>(
            "test-sink", config, topic,
            record => new Item(record.Partition.Value, record.Offset.Value), store, options, new StreamReadMetrics(), log);
        return new BackgroundLoop(loop.Run);
    }

    private async Task<string> CreateTopicWithRecordsAsync()
    {
        var topic = kafka.UniqueName("sink-loop");
        await kafka.CreateTopicAsync(topic, Partitions, cancellationToken: Cancel);
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.ClientConfigs.CreateProducerConfig()).Build();
        for (var i = 0; i < RecordsPerPartition; i++)
        {
            for (var p = 0; p < Partitions; p++)
            {
                producer.Produce(new TopicPartition(topic, p), new Message<byte[], byte[]> { Value = [1] });
            }
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        return topic;
    }

    private long[] Committed(string topic, string group)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ClientConfigs.CreateConsumerConfig(group)).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topic, p)).ToList();
        return [.. consumer.Committed(partitions, TimeSpan.FromSeconds(10)).Select(c => Math.Max(0, c.Offset.Value))];
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, FlakyStore store, CapturingLogger log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"waited 45 s for {what}: {store.Written.Count} written, {store.FailedCalls} failed calls\nlog:\n{log.Tail()}");
            }

            await Task.Delay(20, Cancel);
        }
    }

    private sealed record Item(int Partition, long Offset);

    /// <summary>A store whose writes take a while (so the loop consumes meanwhile) and that fails on request.</summary>
    private sealed class FlakyStore : IBatchWriter<Item>
    {
        private int _calls;
        private int _active;
        private int _maxActive;
        private int _failed;
        private int _started;

        public ConcurrentQueue<Item> Written { get; } = new();

        /// <summary>Calls from this one on fail, <see cref="Failures"/> times in a row.</summary>
        public int FailFromCall { get; init; }

        public volatile int Failures;

        public int MaxConcurrentWrites => Volatile.Read(ref _maxActive);

        public int FailedCalls => Volatile.Read(ref _failed);

        /// <summary>When set, every write takes this long and gives up when its token is cancelled, as a real store's call does.</summary>
        public TimeSpan SlowWrites { get; init; }

        public int StartedCalls => Volatile.Read(ref _started);

        public async Task WriteAsync(IReadOnlyList<Item> batch, CancellationToken cancellationToken)
        {
            var active = Interlocked.Increment(ref _active);
            InterlockedMax(ref _maxActive, active);
            Interlocked.Increment(ref _started);
            try
            {
                if (SlowWrites > TimeSpan.Zero)
                {
                    await Task.Delay(SlowWrites, cancellationToken);
                }
                else
                {
                    await Task.Delay(Random.Shared.Next(1, 8), CancellationToken.None);
                }

                var call = Interlocked.Increment(ref _calls);
                if (call >= FailFromCall && Failures > 0)
                {
                    Failures--;
                    Interlocked.Increment(ref _failed);
                    throw new InvalidOperationException("store down (test)");
                }

                foreach (var item in batch)
                {
                    Written.Enqueue(item);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
