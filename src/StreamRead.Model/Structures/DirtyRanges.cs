namespace StreamRead.Model.Structures;

/// <summary>
/// Seq ranges <c>(Low, High]</c> whose counts may have changed since the last drain: every update
/// records the range it can affect, so a drain recomputes only those hot messages and never scans
/// members (docs/design.md, "Changes per flush").
/// </summary>
/// <remarks>
/// Kept sorted and disjoint; past <see cref="MaxRanges"/> the two closest ranges merge, which may
/// recompute a few unchanged messages but never misses one.
/// </remarks>
internal sealed class DirtyRanges
{
    private const int MaxRanges = 16;

    private readonly List<(long Low, long High)> ranges = [];

    /// <summary>The ranges, ascending and disjoint.</summary>
    public IReadOnlyList<(long Low, long High)> Ranges => ranges;

    /// <summary>Whether no range is recorded.</summary>
    public bool IsEmpty => ranges.Count == 0;

    /// <summary>Records <c>(low, high]</c>.</summary>
    public void Add(long low, long high)
    {
        if (high <= low)
        {
            return;
        }

        // Find the first range that ends at or after low (touching ranges merge too).
        int i = 0;
        while (i < ranges.Count && ranges[i].High < low)
        {
            i++;
        }

        int j = i;
        while (j < ranges.Count && ranges[j].Low <= high)
        {
            low = Math.Min(low, ranges[j].Low);
            high = Math.Max(high, ranges[j].High);
            j++;
        }

        ranges.RemoveRange(i, j - i);
        ranges.Insert(i, (low, high));
        if (ranges.Count > MaxRanges)
        {
            MergeClosestPair();
        }
    }

    /// <summary>Forgets every range.</summary>
    public void Clear() => ranges.Clear();

    private void MergeClosestPair()
    {
        int best = 0;
        for (int k = 1; k < ranges.Count - 1; k++)
        {
            if (ranges[k + 1].Low - ranges[k].High < ranges[best + 1].Low - ranges[best].High)
            {
                best = k;
            }
        }

        ranges[best] = (ranges[best].Low, ranges[best + 1].High);
        ranges.RemoveAt(best + 1);
    }
}
