namespace StreamRead.Model.Structures;

/// <summary>
/// The pending early reads of a conversation (SPEC 2.5), grouped per member in slots, so a message
/// arrival visits only the members that have some, never the whole group.
/// </summary>
/// <remarks>
/// A member has a slot only while it has pending reads (<see cref="MemberEntry.PendingSlot"/>), so
/// the common member costs nothing here. Slots are swap-removed; their order carries no meaning
/// (callers that emit per member sort by member position).
/// </remarks>
internal sealed class PendingReadTable
{
    private readonly List<Slot> slots = [];

    /// <summary>How many members have pending reads.</summary>
    public int Count => slots.Count;

    /// <summary>The member and pending reads of slot <paramref name="slot"/>.</summary>
    public Slot this[int slot] => slots[slot];

    /// <summary>Opens a slot for <paramref name="member"/> and returns its index.</summary>
    public int Open(int member)
    {
        slots.Add(new Slot(member));
        return slots.Count - 1;
    }

    /// <summary>
    /// Closes slot <paramref name="slot"/>; the last slot moves into its place. Returns the member
    /// whose slot index changed (to update its entry), or -1.
    /// </summary>
    public int Close(int slot)
    {
        int last = slots.Count - 1;
        slots[slot] = slots[last];
        slots.RemoveAt(last);
        return slot < last ? slots[slot].Member : -1;
    }

    /// <summary>One member's pending reads: a small list (at most the configured maximum).</summary>
    internal sealed class Slot(int member)
    {
        public int Member { get; } = member;

        public List<PendingRead> Reads { get; } = new(2);
    }
}
