namespace StreamRead.Model;

/// <summary>A point in a message's read-through, emitted once per message (SPEC 3, analytics).</summary>
public enum MilestoneKind
{
    /// <summary>The first eligible member read the message.</summary>
    FirstRead,

    /// <summary>At least half of the eligible members (rounded up) read it.</summary>
    HalfRead,

    /// <summary>Every eligible member read it (there is at least one).</summary>
    AllRead,
}
