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
    private long _queueTicks;

    public long Updates { get; private set; }

    public long Messages { get; private set; }

    public long Counts { get; private set; }

    public long Members { get; private set; }

    public long Watermarks { get; private set; }

    public long Badges { get; private set; }

    public long Batches { get; private set; }

    /// <summary>Time spent in the inner writer (Redis round trips included).</summary>
    public TimeSpan WriteTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _writeTicks));

    /// <summary>
    /// The part of <see cref="WriteTime"/> before the inner writer first waited: building and
    /// sending the pipeline on the sink's thread. The rest is waiting for Redis's replies.
    /// </summary>
    public TimeSpan QueueTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _queueTicks));

    public async Task WriteAsync(IReadOnlyList<ReceiptUpdate> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var written = inner.WriteAsync(batch, cancellationToken);
        Interlocked.Add(ref _queueTicks, Stopwatch.GetTimestamp() - started);
        await written;
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
