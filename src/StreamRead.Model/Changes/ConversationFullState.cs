namespace StreamRead.Model;

/// <summary>
/// Everything a serving store holds about a conversation, as absolute values stamped with the
/// conversation's version (<see cref="ConversationState.DescribeFullState"/>): what rebuilds a store
/// that lost its data (docs/design.md, "Rebuilding the serving store").
/// </summary>
/// <remarks>
/// Folding it into an empty projection gives what folding every drain since the conversation began
/// gives; drains taken after it continue from it. It carries no analytics facts (read advances,
/// milestones): those are events, already emitted once.
/// </remarks>
public sealed class ConversationFullState
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

    /// <summary>
    /// Every user ever seen (members who left too), in first-seen order, with the badge;
    /// <see cref="MemberChange.PublicWatermarkAdvanced"/> is false (nothing moved: this is a restatement).
    /// </summary>
    public IReadOnlyList<MemberChange> Members { get; init; } = [];

    /// <summary>Every known message in seq order.</summary>
    public IReadOnlyList<KnownMessage> Messages { get; init; } = [];

    /// <summary>The current counts of every hot-window message, in seq order.</summary>
    public IReadOnlyList<MessageCounts> Counts { get; init; } = [];
}
