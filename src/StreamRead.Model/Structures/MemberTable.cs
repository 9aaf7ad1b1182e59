namespace StreamRead.Model.Structures;

/// <summary>
/// Every user a conversation has seen, as <see cref="MemberEntry"/> structs in first-seen order,
/// found by user id through an open-addressing index of ints (no per-member object, no per-entry
/// dictionary node).
/// </summary>
/// <remarks>
/// Entries are never removed: a member who left keeps its watermarks (SPEC 2.2). The index stores
/// entry position + 1 (0 = empty slot), linear probing, load at most 3/4.
/// </remarks>
internal sealed class MemberTable
{
    private MemberEntry[] entries = new MemberEntry[4];
    private int[] index = new int[8];

    // r - the own read position (SPEC 2.6) - of members whose r is above their public watermark w,
    // by position. Only private reads put r above w, so keeping r in every entry cost 8 bytes per
    // member for the few that need it (docs/benchmarks.md, memory).
    private Dictionary<int, long>? privatePositions;

    /// <summary>How many users the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>The entry at <paramref name="position"/> (positions are stable).</summary>
    public ref MemberEntry this[int position] => ref entries[position];

    /// <summary><c>r</c> of the entry at <paramref name="position"/>: its own read position, never below its public watermark.</summary>
    public long ReadPositionOf(int position)
    {
        long watermark = entries[position].PublicWatermark;
        return privatePositions is not null && privatePositions.TryGetValue(position, out long own) && own > watermark ? own : watermark;
    }

    /// <summary>Sets <c>r</c> of the entry at <paramref name="position"/>; call it after raising the entry's public watermark.</summary>
    public void SetReadPosition(int position, long readPosition)
    {
        if (readPosition > entries[position].PublicWatermark)
        {
            (privatePositions ??= [])[position] = readPosition;
        }
        else
        {
            privatePositions?.Remove(position);
        }
    }

    /// <summary>The position of <paramref name="userId"/>, or -1 for a user never seen.</summary>
    public int Find(string userId)
    {
        int mask = index.Length - 1;
        for (int slot = Hash(userId) & mask; ; slot = (slot + 1) & mask)
        {
            int stored = index[slot];
            if (stored == 0)
            {
                return -1;
            }

            string candidate = entries[stored - 1].UserId;
            if (ReferenceEquals(candidate, userId) || string.Equals(candidate, userId, StringComparison.Ordinal))
            {
                return stored - 1;
            }
        }
    }

    /// <summary>Appends an entry for a user not in the table and returns its position.</summary>
    public int Add(MemberEntry entry)
    {
        if (Count == entries.Length)
        {
            // x1.5: the slack of a doubling array would cost a third more memory per member on average.
            Array.Resize(ref entries, entries.Length + (entries.Length >> 1));
        }

        if ((Count + 1) * 4 > index.Length * 3)
        {
            Rehash(index.Length * 2);
        }

        int position = Count++;
        entries[position] = entry;
        Place(entry.UserId, position);
        return position;
    }

    private void Rehash(int size)
    {
        index = new int[size];
        for (int i = 0; i < Count; i++)
        {
            Place(entries[i].UserId, i);
        }
    }

    private void Place(string userId, int position)
    {
        int mask = index.Length - 1;
        int slot = Hash(userId) & mask;
        while (index[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        index[slot] = position + 1;
    }

    private static int Hash(string userId) => userId.GetHashCode(); // ordinal, randomized per process: the index is never persisted
}
