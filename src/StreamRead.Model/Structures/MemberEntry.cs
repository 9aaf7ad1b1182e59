namespace StreamRead.Model.Structures;

/// <summary>
/// The state of one user in one conversation: one entry per (user, conversation), never per
/// message (SPEC intro). A struct in the member table's array: 40 bytes, no per-member object. The
/// own read position is kept by <see cref="MemberTable"/> beside the entries, as it differs from
/// the public watermark only after private reads.
/// </summary>
internal struct MemberEntry
{
    public string UserId;

    /// <summary><c>a</c>: eligible for messages with seq above this (SPEC 2.2); 0 for non-members.</summary>
    public long EligibleAfter;

    /// <summary><c>w</c>: the public watermark others see (SPEC 2.1, 2.6).</summary>
    public long PublicWatermark;

    /// <summary>
    /// Time (ms) of the membership event that set the status, the last-writer-wins clock;
    /// <see cref="long.MinValue"/> for an implicit member, so any explicit event wins over it.
    /// </summary>
    public long ClockMs;

    /// <summary>1 + the slot of the member's pending reads in the pending table, 0 when it has none.</summary>
    public int PendingSlot;

    public MemberFlags Flags;

    public readonly bool IsMember => (Flags & MemberFlags.IsMember) != 0;
}

/// <summary>Status and change-tracking bits of a <see cref="MemberEntry"/>.</summary>
[Flags]
internal enum MemberFlags : byte
{
    None = 0,

    /// <summary>A current member: counted in every count and badge.</summary>
    IsMember = 1,

    /// <summary>Changed since the last drain (already listed in the drain's member list).</summary>
    Changed = 2,

    /// <summary>The public watermark moved since the last drain.</summary>
    PublicAdvanced = 4,
}
