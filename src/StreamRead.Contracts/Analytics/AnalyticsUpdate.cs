using System.Text.Json.Serialization;
using StreamRead.Contracts.Events;

namespace StreamRead.Contracts.Analytics;

/// <summary>
/// <c>streamread.analytics</c> (key = conversationId): the analytics facts one processor flush
/// produced for one conversation (SPEC 3, ClickHouse). Facts are never one per (member, message):
/// one per read advance (a range of seqs), per new message, per message milestone, and the latest
/// badge of each member that changed. Every fact has a natural key that a replay reproduces
/// (see docs/analytics.md), so the ClickHouse sink stores a re-emitted fact once (SPEC 2.7).
/// Schema: <c>topics/schemas/streamread.analytics.schema.json</c>.
/// </summary>
/// <remarks>
/// A large flush is split into several updates of the same version (at most 1,000 facts each);
/// absent lists read as empty, as in <see cref="Receipts.ReceiptUpdate"/>.
/// </remarks>
/// <param name="ConversationId">The conversation; also the Kafka key.</param>
/// <param name="Version">The conversation's version at the flush (records applied so far, >= 1).</param>
/// <param name="Kind">The conversation's kind (that of its highest-seq message).</param>
/// <param name="MemberCount">Current members at the flush: the group size of its messages and milestones.</param>
/// <param name="MessageCount">Known messages at the flush (seq gaps excluded): dates the badges (unread backlog).</param>
/// <param name="EmittedAt">When the processor emitted the update.</param>
public sealed record AnalyticsUpdate(
    string ConversationId,
    long Version,
    ConversationKind Kind,
    long MemberCount,
    long MessageCount,
    [property: JsonPropertyOrder(1)] DateTimeOffset EmittedAt)
{
    /// <summary>Messages that became known in the flush.</summary>
    public IReadOnlyList<AnalyticsMessage> Messages { get; init => field = value ?? []; } = [];

    /// <summary>Own read positions that advanced, in the order the records were applied.</summary>
    public IReadOnlyList<AnalyticsReadAdvance> ReadAdvances { get; init => field = value ?? []; } = [];

    /// <summary>Milestones that messages reached in the flush.</summary>
    public IReadOnlyList<AnalyticsMilestone> Milestones { get; init => field = value ?? []; } = [];

    /// <summary>The badge of every member whose state changed in the flush (SPEC 2.4).</summary>
    public IReadOnlyList<AnalyticsBadge> Badges { get; init => field = value ?? []; } = [];

    /// <summary>How many facts the update carries (all four lists).</summary>
    [JsonIgnore]
    public int FactCount => Messages.Count + ReadAdvances.Count + Milestones.Count + Badges.Count;
}
