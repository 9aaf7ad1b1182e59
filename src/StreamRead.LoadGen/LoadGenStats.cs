using System.Globalization;

namespace StreamRead.LoadGen;

/// <summary>What the load generator produced so far (thread-safe counters).</summary>
internal sealed class LoadGenStats
{
    private long _messages;
    private long _reads;
    private long _privateReads;
    private long _duplicates;
    private long _outOfOrder;
    private long _earlyReads;
    private long _memberships;
    private long _failed;

    public long Messages => Interlocked.Read(ref _messages);

    public long Reads => Interlocked.Read(ref _reads);

    public long PrivateReads => Interlocked.Read(ref _privateReads);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    public long EarlyReads => Interlocked.Read(ref _earlyReads);

    public long Memberships => Interlocked.Read(ref _memberships);

    /// <summary>Events the broker did not acknowledge.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public long Total => Messages + Reads + Duplicates + OutOfOrder + Memberships;

    internal void CountMessage() => Interlocked.Increment(ref _messages);

    internal void CountRead(bool isPrivate)
    {
        Interlocked.Increment(ref _reads);
        if (isPrivate)
        {
            Interlocked.Increment(ref _privateReads);
        }
    }

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountOutOfOrder() => Interlocked.Increment(ref _outOfOrder);

    internal void CountEarlyRead() => Interlocked.Increment(ref _earlyReads);

    internal void CountMembership() => Interlocked.Increment(ref _memberships);

    internal void CountFailed() => Interlocked.Increment(ref _failed);

    /// <summary>One progress line, e.g. "1,204 messages, 9,870 reads (512 private, 201 duplicate, ...)".</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0:N0} messages, {1:N0} reads ({2:N0} private, {3:N0} duplicate, {4:N0} out of order, {5:N0} before their message), {6:N0} membership events{7}",
        Messages, Reads, PrivateReads, Duplicates, OutOfOrder, EarlyReads, Memberships, Failed > 0 ? $", {Failed:N0} FAILED" : string.Empty);
}
