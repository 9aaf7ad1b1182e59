using System.Text.Json.Serialization;
using StreamRead.Contracts.Events;

namespace StreamRead.Contracts.Receipts;

/// <summary>
/// <c>streamread.receipts</c> (key = conversationId): what changed in one conversation during one
/// processor flush (SPEC 3). Every number is absolute, not an increment, and the update carries the
/// conversation's version, so a consumer may apply re-emitted updates again and drop any update whose
/// version is below the last one it applied (SPEC 2.7). A large change arrives as several updates
/// with the same version (each list capped at 1,000 entries): apply every one of them.
/// Schema: <c>topics/schemas/streamread.receipts.schema.json</c>.
/// </summary>
/// <remarks>
/// The lists hold only what changed in the flush, except in a full-state update
/// (<see cref="FullState"/>), which restates everything to rebuild a serving store that lost its data. <see cref="Json.ContractsSerializer"/> omits
/// empty lists and readers treat an absent list as empty (the list setters turn null into empty:
/// source-generated deserialization passes null for an absent init-only property). Record equality
/// compares the lists by reference, not by content.
/// </remarks>
/// <param name="ConversationId">The conversation; also the Kafka key.</param>
/// <param name="Version">The conversation's version: the number of input records applied to it so far (>= 1).</param>
/// <param name="Kind">The conversation's kind (the kind of its highest-seq message; group when none is known).</param>
/// <param name="LastSeq">The highest known message seq; 0 when no message is known yet.</param>
/// <param name="MessageCount">How many messages of the conversation are known (seq gaps excluded).</param>
/// <param name="HotWindowFrom">
/// The lowest seq of the hot window: <see cref="Counts"/> covers only messages with seq >= this value
/// (older counts are served on demand by the API); 0 when no message is known.
/// </param>
/// <param name="EmittedAt">When the processor emitted the update.</param>
public sealed record ReceiptUpdate(
    string ConversationId,
    long Version,
    ConversationKind Kind,
    long LastSeq,
    long MessageCount,
    long HotWindowFrom,
    [property: JsonPropertyOrder(1)] DateTimeOffset EmittedAt)
{
    /// <summary>
    /// True when the update restates the conversation's whole state (docs/design.md, "Rebuilding the
    /// serving store"): <see cref="Messages"/> lists every known message, <see cref="Members"/> and
    /// <see cref="Badges"/> every user ever seen, <see cref="Counts"/> every hot-window message;
    /// <see cref="Watermarks"/> and <see cref="Evicted"/> stay empty. Omitted when false.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonPropertyOrder(0)]
    public bool FullState { get; init; }

    /// <summary>Messages that became known in this flush, in seq order (every known message in a full-state update).</summary>
    public IReadOnlyList<ReceiptMessage> Messages { get; init => field = value ?? []; } = [];

    /// <summary>Hot-window messages whose read, unread or eligible count changed (SPEC 2.3).</summary>
    public IReadOnlyList<ReceiptCount> Counts { get; init => field = value ?? []; } = [];

    /// <summary>Seqs that left the hot window in this flush: stop expecting count updates for them.</summary>
    public IReadOnlyList<long> Evicted { get; init => field = value ?? []; } = [];

    /// <summary>Public watermarks that advanced (SPEC 2.1); private read positions never appear here (SPEC 2.6).</summary>
    public IReadOnlyList<ReceiptWatermark> Watermarks { get; init => field = value ?? []; } = [];

    /// <summary>Membership or eligibility changes (SPEC 2.2).</summary>
    public IReadOnlyList<ReceiptMember> Members { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Users whose own read position or eligibility changed, with their absolute unread count
    /// (SPEC 2.4). Includes private reads, so push these only to that user's own devices (SPEC 2.8).
    /// </summary>
    public IReadOnlyList<ReceiptBadge> Badges { get; init => field = value ?? []; } = [];
}
