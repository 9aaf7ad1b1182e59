namespace StreamRead.Model;

/// <summary>
/// What changed in a conversation since the previous <see cref="ConversationState.DrainChanges"/>, as
/// absolute values stamped with the conversation's version, so re-emitting it is harmless (SPEC 2.7).
/// </summary>
/// <remarks>
/// Folding every drain into a projection (latest counts per hot seq, minus evicted seqs; latest
/// snapshot per member; every new message) reproduces what the model answers: sinks rely on it.
/// </remarks>
public sealed class ConversationChanges
{
    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Records applied to the conversation so far (SPEC 2.7).</summary>
    public long Version { get; init; }

    /// <summary>The highest known seq, 0 when none.</summary>
    public long LastSeq { get; init; }

    /// <summary>How many messages are known.</summary>
    public long KnownMessageCount { get; init; }

    /// <summary>Kind of the highest-seq message.</summary>
    public bool IsDirect { get; init; }

    /// <summary>Lowest seq of the hot window, 0 when no message is known.</summary>
    public long HotWindowFrom { get; init; }

    /// <summary>Members whose status, eligibility point, watermark, own position, clock or pending reads changed.</summary>
    public IReadOnlyList<MemberChange> Members { get; init; } = [];

    /// <summary>Messages that became known, in arrival order.</summary>
    public IReadOnlyList<NewMessage> Messages { get; init; } = [];

    /// <summary>Hot-window messages whose counts differ from what previous drains emitted; at most one entry per seq.</summary>
    public IReadOnlyList<MessageCounts> Counts { get; init; } = [];

    /// <summary>Seqs that left the hot window (their counts are no longer emitted).</summary>
    public IReadOnlyList<long> EvictedSeqs { get; init; } = [];

    /// <summary>Own read position advances, in application order.</summary>
    public IReadOnlyList<ReadAdvance> ReadAdvances { get; init; } = [];

    /// <summary>Milestones reached, in application order.</summary>
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];
}
