namespace StreamRead.Model.Structures;

/// <summary>
/// Every known message of a conversation: its seq (as runs, <see cref="SeqRunSet"/>) and its sender
/// (a member index, 4 bytes per message, kept in seq order).
/// </summary>
/// <remarks>
/// The sender is what a count needs beyond the watermarks (the sender is never a reader of its own
/// message, SPEC 2.2), and every known message stays answerable whatever its age (SPEC 4), so the
/// sender outlives the hot window. Nothing else per message is kept outside the hot window.
/// </remarks>
internal sealed class MessageLog
{
    private readonly SeqRunSet seqs = new();
    private int[] senders = new int[4];

    /// <summary>The known seqs.</summary>
    public SeqRunSet Seqs => seqs;

    /// <summary>How many messages are known.</summary>
    public long Count => seqs.Count;

    /// <summary>The highest known seq, or 0.</summary>
    public long LastSeq => seqs.Max;

    /// <summary>Records a message; false when its seq was already known (a duplicate).</summary>
    public bool Add(long seq, int sender)
    {
        long rank = seqs.Add(seq);
        if (rank < 0)
        {
            return false;
        }

        int count = checked((int)seqs.Count) - 1; // senders held before this one
        if (count == senders.Length)
        {
            Array.Resize(ref senders, senders.Length * 2);
        }

        Array.Copy(senders, rank, senders, rank + 1, count - rank);
        senders[rank] = sender;
        return true;
    }

    /// <summary>The sender (member index) of the known message <paramref name="seq"/>.</summary>
    public int SenderOf(long seq) => senders[seqs.CountAtMost(seq) - 1];

    /// <summary>The sender of the message of rank <paramref name="rank"/> (ascending seq order).</summary>
    public int SenderAt(long rank) => senders[rank];
}
