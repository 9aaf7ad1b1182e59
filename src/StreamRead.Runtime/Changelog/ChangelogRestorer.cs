namespace StreamRead.Runtime.Changelog;

/// <summary>
/// Rebuilds a task's committed state from its changelog partition, read in log order
/// (docs/design.md, "Changelog and exactly-once state").
/// </summary>
/// <remarks>
/// A record belongs to the state only when its batch is committed: a marker of the same epoch
/// with an equal or higher sequence exists. Batches of an epoch are written in order, each
/// followed by its marker, so the records still pending when the log ends are those of a batch
/// that crashed before its marker; they are discarded, and input resumes from the last
/// marker's offsets. Compaction keeps only the latest marker per epoch, which is all this needs.
/// Pure logic: the Kafka restore consumer feeds it, tests feed it directly.
/// </remarks>
internal sealed class ChangelogRestorer
{
    private readonly Dictionary<byte[], byte[]> _committed = new(ByteArrayComparer.Instance);
    private readonly Dictionary<long, long> _committedSequenceByEpoch = [];
    private readonly Dictionary<long, List<PendingRecord>> _pendingByEpoch = [];

    /// <summary>The marker with the highest (epoch, sequence) seen so far.</summary>
    public BatchMarker? LatestMarker { get; private set; }

    /// <summary>The highest epoch of any record; a restarted task takes the next one.</summary>
    public long MaxEpoch { get; private set; }

    /// <summary>Records read, markers included.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>Adds the next record of the log.</summary>
    /// <param name="key">The encoded <see cref="ChangelogKey"/>.</param>
    /// <param name="value">The encoded value; null is a tombstone.</param>
    /// <param name="batch">The record's <see cref="BatchId.HeaderName"/> header.</param>
    public void Add(byte[] key, byte[]? value, BatchId batch)
    {
        RecordsRead++;
        MaxEpoch = Math.Max(MaxEpoch, batch.Epoch);
        if (key.Length > 0 && key[0] == (byte)ChangelogKeyKind.Marker)
        {
            if (value is null)
            {
                return;
            }

            Commit(BatchMarker.Decode(value));
            return;
        }

        if (_committedSequenceByEpoch.TryGetValue(batch.Epoch, out var committed) && batch.Sequence <= committed)
        {
            // Only a writer that reuses a committed batch id gets here; applying keeps log order.
            Apply(key, value);
            return;
        }

        if (!_pendingByEpoch.TryGetValue(batch.Epoch, out var pending))
        {
            _pendingByEpoch[batch.Epoch] = pending = [];
        }

        pending.Add(new PendingRecord(key, value, batch.Sequence));
    }

    /// <summary>Ends the log: what is still pending belongs to no committed batch.</summary>
    public RestoredChangelog Complete()
    {
        var discarded = _pendingByEpoch.Values.Sum(p => (long)p.Count);
        _pendingByEpoch.Clear();
        return new RestoredChangelog(_committed, LatestMarker, MaxEpoch, RecordsRead, discarded);
    }

    private void Commit(BatchMarker marker)
    {
        var (epoch, sequence) = (marker.Batch.Epoch, marker.Batch.Sequence);
        MaxEpoch = Math.Max(MaxEpoch, epoch);
        if (!_committedSequenceByEpoch.TryGetValue(epoch, out var committed) || committed < sequence)
        {
            _committedSequenceByEpoch[epoch] = sequence;
        }

        if (_pendingByEpoch.TryGetValue(epoch, out var pending))
        {
            var kept = new List<PendingRecord>();
            foreach (var record in pending)
            {
                if (record.Sequence <= sequence)
                {
                    Apply(record.Key, record.Value);
                }
                else
                {
                    kept.Add(record);
                }
            }

            if (kept.Count == 0)
            {
                _pendingByEpoch.Remove(epoch);
            }
            else
            {
                _pendingByEpoch[epoch] = kept;
            }
        }

        if (LatestMarker is null || (epoch, sequence).CompareTo((LatestMarker.Batch.Epoch, LatestMarker.Batch.Sequence)) > 0)
        {
            LatestMarker = marker;
        }
    }

    private void Apply(byte[] key, byte[]? value)
    {
        if (value is null)
        {
            _committed.Remove(key);
        }
        else
        {
            _committed[key] = value;
        }
    }

    private readonly record struct PendingRecord(byte[] Key, byte[]? Value, long Sequence);
}
