namespace StreamRead.Model.Structures;

/// <summary>
/// The set of known message seqs of a conversation as sorted runs <c>[Start, End]</c>, each with the
/// number of seqs in the runs before it, so rank queries cost O(log runs).
/// </summary>
/// <remarks>
/// Seqs are strictly increasing with gaps (SPEC 1), so appending at the end is the common case and
/// costs O(1) amortized; a contiguous history is one run. A seq arriving out of order (a replay, a
/// lagging producer) is still placed correctly, at O(runs) cost for shifting the prefix counts.
/// </remarks>
internal sealed class SeqRunSet
{
    private Run[] runs = new Run[2];
    private int runCount;

    /// <summary>How many seqs the set holds.</summary>
    public long Count => runCount == 0 ? 0 : runs[runCount - 1].CountBefore + Length(runs[runCount - 1]);

    /// <summary>The highest seq, or 0 when the set is empty.</summary>
    public long Max => runCount == 0 ? 0 : runs[runCount - 1].End;

    /// <summary>How many runs of consecutive seqs the set holds.</summary>
    public int RunCount => runCount;

    /// <summary>The run at <paramref name="index"/> (ascending).</summary>
    public (long Start, long End) RunAt(int index) => (runs[index].Start, runs[index].End);

    /// <summary>
    /// Adds <paramref name="seq"/> and returns its rank (how many known seqs are below it), or -1
    /// when it was already present.
    /// </summary>
    public long Add(long seq)
    {
        if (runCount == 0 || seq > runs[runCount - 1].End)
        {
            return Append(seq);
        }

        int i = LastRunStartingAtOrBelow(seq);
        if (i >= 0 && seq <= runs[i].End)
        {
            return -1;
        }

        bool joinsLeft = i >= 0 && runs[i].End + 1 == seq;
        bool joinsRight = i + 1 < runCount && runs[i + 1].Start - 1 == seq;
        long rank = i >= 0 ? runs[i].CountBefore + Length(runs[i]) : 0;
        int firstShifted; // first run whose CountBefore grows by one
        if (joinsLeft && joinsRight)
        {
            runs[i].End = runs[i + 1].End;
            RemoveRunAt(i + 1);
            firstShifted = i + 1;
        }
        else if (joinsLeft)
        {
            runs[i].End = seq;
            firstShifted = i + 1;
        }
        else if (joinsRight)
        {
            runs[i + 1].Start = seq;
            firstShifted = i + 2;
        }
        else
        {
            InsertRunAt(i + 1, new Run { Start = seq, End = seq, CountBefore = rank });
            firstShifted = i + 2;
        }

        for (int j = firstShifted; j < runCount; j++)
        {
            runs[j].CountBefore++;
        }

        return rank;
    }

    /// <summary>Whether <paramref name="seq"/> is in the set.</summary>
    public bool Contains(long seq)
    {
        int i = LastRunStartingAtOrBelow(seq);
        return i >= 0 && seq <= runs[i].End;
    }

    /// <summary>How many seqs are less than or equal to <paramref name="bound"/>.</summary>
    public long CountAtMost(long bound)
    {
        int i = LastRunStartingAtOrBelow(bound);
        return i < 0 ? 0 : runs[i].CountBefore + Math.Min(runs[i].End, bound) - runs[i].Start + 1;
    }

    /// <summary>How many seqs are greater than <paramref name="bound"/>.</summary>
    public long CountAbove(long bound) => Count - CountAtMost(bound);

    /// <summary>How many seqs lie in <c>(low, high]</c>.</summary>
    public long CountBetween(long low, long high) => high <= low ? 0 : CountAtMost(high) - CountAtMost(low);

    /// <summary>The highest seq less than or equal to <paramref name="bound"/>, or 0 when there is none.</summary>
    public long Floor(long bound)
    {
        int i = LastRunStartingAtOrBelow(bound);
        return i < 0 ? 0 : Math.Min(runs[i].End, bound);
    }

    /// <summary>The seq of rank <paramref name="rank"/> (0-based, ascending).</summary>
    public long SeqAt(long rank)
    {
        int lo = 0, hi = runCount - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (runs[mid].CountBefore <= rank)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return runs[lo].Start + (rank - runs[lo].CountBefore);
    }

    private long Append(long seq)
    {
        long rank = Count;
        if (runCount > 0 && runs[runCount - 1].End + 1 == seq)
        {
            runs[runCount - 1].End = seq;
        }
        else
        {
            InsertRunAt(runCount, new Run { Start = seq, End = seq, CountBefore = rank });
        }

        return rank;
    }

    private int LastRunStartingAtOrBelow(long seq)
    {
        int lo = 0, hi = runCount - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (runs[mid].Start <= seq)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private void InsertRunAt(int index, Run run)
    {
        if (runCount == runs.Length)
        {
            Array.Resize(ref runs, runs.Length * 2);
        }

        Array.Copy(runs, index, runs, index + 1, runCount - index);
        runs[index] = run;
        runCount++;
    }

    private void RemoveRunAt(int index)
    {
        Array.Copy(runs, index + 1, runs, index, runCount - index - 1);
        runCount--;
    }

    private static long Length(in Run run) => run.End - run.Start + 1;

    private struct Run
    {
        public long Start;
        public long End;
        public long CountBefore;
    }
}
