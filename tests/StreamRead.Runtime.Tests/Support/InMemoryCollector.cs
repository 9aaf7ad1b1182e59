using Confluent.Kafka;
using StreamRead.Runtime.Changelog;
using StreamRead.Runtime.Commit;

namespace StreamRead.Runtime.Tests.Support;

/// <summary>
/// An <see cref="IRecordCollector"/> over in-memory topic logs (after Kafka Streams'
/// MockRecordCollector), able to crash after delivering a given number of records.
/// </summary>
internal sealed class InMemoryCollector : IRecordCollector
{
    private long _crashAfter = long.MaxValue;

    public Dictionary<string, List<OutputRecord>> Topics { get; } = [];

    public List<IReadOnlyList<TopicPartitionOffset>> Commits { get; } = [];

    public bool IsTransactional => false;

    /// <summary>Delivers the next <paramref name="records"/> records, then throws <see cref="SimulatedCrash"/> on every call.</summary>
    public void CrashAfter(long records) => _crashAfter = records;

    public IReadOnlyList<OutputRecord> Log(string topic) => Topics.GetValueOrDefault(topic) ?? [];

    /// <summary>What a task restored from the changelog topic <paramref name="changelog"/> finds in it.</summary>
    public RestoredChangelog Restore(string changelog)
    {
        var restorer = new ChangelogRestorer();
        foreach (var record in Log(changelog))
        {
            restorer.Add(record.Key!, record.Value, record.Batch!.Value);
        }

        return restorer.Complete();
    }

    public void BeginTransaction() => throw new NotSupportedException();

    public void Send(OutputRecord record)
    {
        if (_crashAfter-- <= 0)
        {
            throw new SimulatedCrash();
        }

        if (!Topics.TryGetValue(record.Topic, out var log))
        {
            Topics[record.Topic] = log = [];
        }

        log.Add(record);
    }

    public void Flush(CancellationToken cancellationToken)
    {
    }

    public void CommitTransaction(IReadOnlyList<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata) =>
        throw new NotSupportedException();

    public void Dispose()
    {
    }
}

/// <summary>The simulated process died.</summary>
internal sealed class SimulatedCrash : Exception;
