using System.Diagnostics;
using System.Runtime.CompilerServices;
using Confluent.Kafka;
using StreamRead.Bench.Infrastructure;
using StreamRead.Bench.Reporting;
using StreamRead.Bench.Workload;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.Kafka.Producing;
using StreamRead.Model;
using StreamRead.Runtime;
using StreamRead.Runtime.Changelog;
using StreamRead.Runtime.Commit;
using StreamRead.Runtime.Metrics;
using StreamRead.Runtime.State;
using StreamRead.Runtime.Tasks;

namespace StreamRead.Bench.Scenarios;

/// <summary>
/// Issue 6 figure 4b: time to restore 1,000,000 watermarks from the changelog, as a processor
/// does when it is assigned the partitions. The changelog is the one real tasks write: the bench
/// feeds the workload through <see cref="PartitionTask"/>s and produces their flushes' changelog
/// records and batch markers; then every partition is restored as the processor loop restores
/// it, and the restored state is checked against what was written.
/// </summary>
internal sealed class RestoreScenario : IBenchScenario
{
    // 1,000,000 member records at ~70 bytes: 32 partitions keep each under the dev broker's 5 MiB.
    private const int Partitions = 32;
    private const int Messages = 10;

    public string Name => "restore";

    public string Title => "restore 1,000,000 watermarks from the changelog";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var layout = new MembershipLayout(context.Size(1_000, 100), 1_000);
        var topics = await context.Services.CreateTopicsAsync(Name, Partitions, cancellationToken);
        context.Progress($"writing the changelog of {layout.Watermarks:N0} watermarks ({layout.Conversations:N0} conversations, {Partitions} partitions)");
        var written = WriteChangelog(context, topics, layout);

        context.Progress("restoring every partition");
        var config = context.Services.Configs.CreateConsumerConfig(topics.Prefix + "processor");
        config.EnableAutoCommit = false;
        var reader = new ChangelogReader(config, readCommitted: false, new BenchLogger(context.Log, "restore"));
        var options = new ModelOptions();
        var userIds = new UserIdPool(); // one per processor, shared by its tasks, as ProcessorLoop does
        var before = StateMemoryScenario.SettledMemory();
        var stores = new List<ReadStateStore>();
        long records = 0;
        var read = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        for (var p = 0; p < Partitions; p++)
        {
            var (store, readTime, recordsRead) = RestorePartition(reader, new TopicPartition(topics.Changelog, p), options, userIds, cancellationToken);
            read += readTime;
            records += recordsRead;
            stores.Add(store);
        }

        var elapsed = clock.Elapsed;
        var members = stores.Sum(s => s.MemberCount);
        var conversations = stores.Sum(s => s.ConversationCount);
        if (members != layout.Watermarks || conversations != layout.Conversations || records != written)
        {
            throw new InvalidOperationException(
                $"restored {members:N0} watermarks in {conversations:N0} conversations from {records:N0} records, but {layout.Watermarks:N0} in " +
                $"{layout.Conversations:N0} from {written:N0} were written: " +
                (context.Services.Broker.IsDevBroker ? "the dev broker dropped changelog data (5 MiB per partition)" : "the cluster dropped changelog data (check its default retention.bytes)"));
        }

        var after = StateMemoryScenario.SettledMemory();
        GC.KeepAlive(stores);
        context.Add(BenchFigure.AtMost(Name, $"restore {layout.Watermarks:N0} watermarks", elapsed.TotalSeconds, "s", 10));
        context.Add(BenchFigure.AtMost(Name, "restored state per watermark", (after - before) / (double)layout.Watermarks, "B", 64));
        context.Note($"{records:N0} changelog records over {Partitions} partitions restored one partition after another as the processor loop does: " +
            $"{read.TotalSeconds:0.0} s reading the changelog ({records / read.TotalSeconds:N0} records/s), {(elapsed - read).TotalSeconds:0.0} s rebuilding state; " +
            "every watermark and conversation written came back");
    }

    /// <summary>Applies the workload through one task per partition and produces what their flush writes to the changelog.</summary>
    private static long WriteChangelog(BenchContext context, TopicSet topics, MembershipLayout layout)
    {
        using var metrics = new StreamReadMetrics();
        using var collector = new KafkaRecordCollector(context.Services.Configs.CreateProducerConfig(), transactionalId: null);
        var byPartition = Enumerable.Range(0, layout.Conversations).GroupBy(c => KeyPartitioner.PartitionOf(layout.ConversationId(c), Partitions));
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        long written = 0;
        foreach (var partition in byPartition)
        {
            var p = partition.Key;
            var task = new PartitionTask(p, topics, new ReadStateStore(new ModelOptions()), epoch: 1, restoredFrom: null, TimeProvider.System, metrics);
            long offset = 0;
            foreach (var c in partition)
            {
                var conversation = layout.ConversationId(c);
                for (var seq = 1; seq <= Messages; seq++)
                {
                    task.Enqueue(Record(topics.Messages, p, offset++, conversation, at, ContractsSerializer.Serialize(new MessageSent(conversation, seq, layout.UserId(c, 0), at))));
                }

                for (var m = 0; m < layout.Members; m++)
                {
                    var readAt = at.AddSeconds(1);
                    task.Enqueue(Record(topics.Reads, p, offset++, conversation, readAt, ContractsSerializer.Serialize(new ReadReported(conversation, layout.UserId(c, m), Messages, readAt))));
                }

                task.Process(int.MaxValue, _ => true);
            }

            var (flush, marker) = task.PrepareFlush() ?? throw new InvalidOperationException($"task {p} has nothing to flush");
            foreach (var record in flush.Records.Where(r => r.Topic == topics.Changelog))
            {
                collector.Send(record);
                written++;
            }

            collector.Flush(CancellationToken.None);
            collector.Send(marker);
            written++;
            collector.Flush(CancellationToken.None);
        }

        return written;
    }

    private static ConsumeResult<byte[], byte[]> Record(string topic, int partition, long offset, string conversationId, DateTimeOffset at, byte[] value) => new()
    {
        Topic = topic,
        Partition = new Partition(partition),
        Offset = new Offset(offset),
        Message = new Message<byte[], byte[]>
        {
            Key = System.Text.Encoding.UTF8.GetBytes(conversationId),
            Value = value,
            Timestamp = new Timestamp(at),
        },
    };

    /// <summary>
    /// Reads and restores one partition. A method of its own so that no local of the caller keeps
    /// the last partition's changelog records reachable when the state's memory is measured.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ReadStateStore Store, TimeSpan Read, long Records) RestorePartition(
        ChangelogReader reader, TopicPartition partition, ModelOptions options, UserIdPool userIds, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var restored = reader.Restore(partition, cancellationToken);
        var read = Stopwatch.GetElapsedTime(started);
        return (ReadStateStore.Restore(restored, options, userIds), read, restored.RecordsRead);
    }
}
