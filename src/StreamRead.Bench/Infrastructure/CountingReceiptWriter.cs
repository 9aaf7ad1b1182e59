using System.Diagnostics;
using StreamRead.Contracts.Receipts;
using StreamRead.Runtime.Sinks;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// Wraps the Redis sink's writer to count what it is asked to write (updates and their entries by
/// kind) and the time spent inside it: where the sink's Redis commands come from.
/// </summary>
internal sealed class CountingReceiptWriter(IBatchWriter<ReceiptUpdate> inner) : IBatchWriter<ReceiptUpdate>
{
    private long _writeTicks;

    public long Updates { get; private set; }

    public long Messages { get; private set; }

    public long Counts { get; private set; }

    public long Members { get; private set; }

    public long Watermarks { get; private set; }

    public long Badges { get; private set; }

    public long Batches { get; private set; }

    /// <summary>Time spent in the inner writer (Redis round trips included).</summary>
    public TimeSpan WriteTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _writeTicks));

    public async Task WriteAsync(IReadOnlyList<ReceiptUpdate> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.WriteAsync(batch, cancellationToken);
        Interlocked.Add(ref _writeTicks, Stopwatch.GetTimestamp() - started);
        Batches++;
        foreach (var update in batch)
        {
            Updates++;
            Messages += update.Messages.Count;
            Counts += update.Counts.Count;
            Members += update.Members.Count;
            Watermarks += update.Watermarks.Count;
            Badges += update.Badges.Count;
        }
    }
}
