namespace StreamRead.Runtime.Tasks;

/// <summary>
/// Interleaves the buffered records of a task's input partitions by record timestamp, as Kafka
/// Streams' PartitionGroup does, so a replay applies records in the same order as the live run.
/// </summary>
/// <remarks>
/// The next record is the head with the lowest timestamp (ties: lowest partition index, i.e.
/// chat.messages before chat.reads before chat.members). The choice is only final when every
/// partition either has a buffered head or may be passed over (the caller knows it has no
/// more data right now, or has idled long enough); otherwise the group waits for more input.
/// </remarks>
internal sealed class PartitionGroup<T>
{
    private readonly Queue<(long Timestamp, T Item)>[] _queues;

    public PartitionGroup(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        _queues = new Queue<(long, T)>[partitions];
        for (var i = 0; i < partitions; i++)
        {
            _queues[i] = new Queue<(long, T)>();
        }
    }

    /// <summary>Records buffered over all partitions.</summary>
    public int Count { get; private set; }

    /// <summary>Records buffered for one partition.</summary>
    public int CountOf(int partition) => _queues[partition].Count;

    public void Add(int partition, long timestamp, T item)
    {
        _queues[partition].Enqueue((timestamp, item));
        Count++;
    }

    /// <summary>Takes the next record in timestamp order, if the choice is final.</summary>
    /// <param name="mayPassOver">Called for an empty partition: true when the group may proceed without it.</param>
    public bool TryTakeNext(Func<int, bool> mayPassOver, out T item)
    {
        var best = -1;
        var bestTimestamp = long.MaxValue;
        for (var i = 0; i < _queues.Length; i++)
        {
            if (_queues[i].TryPeek(out var head))
            {
                if (head.Timestamp < bestTimestamp)
                {
                    best = i;
                    bestTimestamp = head.Timestamp;
                }
            }
            else if (!mayPassOver(i))
            {
                item = default!;
                return false;
            }
        }

        if (best < 0)
        {
            item = default!;
            return false;
        }

        item = _queues[best].Dequeue().Item;
        Count--;
        return true;
    }

    /// <summary>Drops every buffered record (the task is closing).</summary>
    public void Clear()
    {
        foreach (var queue in _queues)
        {
            queue.Clear();
        }

        Count = 0;
    }
}
