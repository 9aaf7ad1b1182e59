namespace StreamRead.Model.Structures;

/// <summary>
/// The highest known messages of a conversation, at most <c>capacity</c>, in ascending seq order
/// (a ring buffer: a new last message evicts the lowest in O(1)).
/// </summary>
/// <remarks>
/// Flushes compare and emit counts and milestones of these messages only, so a flush never touches
/// older messages. The buffer grows on demand up to the capacity: a quiet conversation pays for the
/// messages it has, not for the configured window.
/// </remarks>
internal sealed class HotWindow(int capacity)
{
    private HotMessage[] buffer = new HotMessage[Math.Min(capacity, 4)];
    private int head;

    /// <summary>The most messages the window holds.</summary>
    public int Capacity => capacity;

    /// <summary>How many messages the window holds.</summary>
    public int Count { get; private set; }

    /// <summary>The lowest seq in the window, or 0 when empty.</summary>
    public long From => Count == 0 ? 0 : At(0).Seq;

    /// <summary>
    /// The highest cover time of the known messages below the window (those evicted or arrived too
    /// old), <see cref="long.MinValue"/> when there are none: the one time kept of older messages.
    /// </summary>
    public long BelowCoverTimeMs { get; set; } = long.MinValue;

    /// <summary>The message at ascending position <paramref name="index"/>.</summary>
    public ref HotMessage At(int index) => ref buffer[(head + index) % buffer.Length];

    /// <summary>The first position whose seq is at least <paramref name="seq"/> (Count when none).</summary>
    public int LowerBound(long seq)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (At(mid).Seq < seq)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The position of <paramref name="seq"/>, or -1 when it is not in the window.</summary>
    public int IndexOf(long seq)
    {
        int i = LowerBound(seq);
        return i < Count && At(i).Seq == seq ? i : -1;
    }

    /// <summary>
    /// The lowest known seq whose cover time is after <paramref name="limitMs"/>, or 0 when none is
    /// (SPEC 2.5: the first message beyond a report's window stops what the report covers); -1 when
    /// it lies below the window, where times are not kept.
    /// </summary>
    public long FirstSeqAfter(long limitMs)
    {
        if (BelowCoverTimeMs > limitMs)
        {
            return -1;
        }

        int lo = 0, hi = Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (At(mid).CoverTimeMs <= limitMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo < Count ? At(lo).Seq : 0;
    }

    /// <summary>
    /// Places a newly known message. Returns false when it is older than every message of a full
    /// window (it stays out); <paramref name="evictedSeq"/> is the seq that left to make room, or 0.
    /// </summary>
    public bool Insert(HotMessage message, out long evictedSeq)
    {
        evictedSeq = 0;
        int position = LowerBound(message.Seq);
        if (Count == capacity)
        {
            if (position == 0)
            {
                BelowCoverTimeMs = Math.Max(BelowCoverTimeMs, message.CoverTimeMs);
                return false;
            }

            evictedSeq = At(0).Seq;
            BelowCoverTimeMs = Math.Max(BelowCoverTimeMs, At(0).CoverTimeMs);
            head = (head + 1) % buffer.Length;
            Count--;
            position--;
        }
        else if (Count == buffer.Length)
        {
            Grow();
        }

        // Shift the higher messages up by one (none in the common case of a new last message).
        for (int i = Count; i > position; i--)
        {
            At(i) = At(i - 1);
        }

        message.CoverTimeMs = position > 0 ? Math.Max(message.CoverTimeMs, At(position - 1).CoverTimeMs) : message.CoverTimeMs;
        At(position) = message;
        Count++;
        for (int i = position + 1; i < Count && At(i).CoverTimeMs < message.CoverTimeMs; i++)
        {
            At(i).CoverTimeMs = message.CoverTimeMs;
        }

        return true;
    }

    private void Grow()
    {
        var grown = new HotMessage[Math.Min(capacity, buffer.Length * 2)];
        for (int i = 0; i < Count; i++)
        {
            grown[i] = At(i);
        }

        buffer = grown;
        head = 0;
    }
}
