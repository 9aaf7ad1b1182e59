namespace StreamRead.Contracts.Control;

/// <summary>
/// <c>streamread.control</c>: a serving store found itself empty (Redis keeps nothing on disk, so a
/// restart or a flush loses everything) and asks every processor for the full state of every
/// conversation it owns (docs/design.md, "Rebuilding the serving store").
/// Schema: <c>topics/schemas/streamread.control.schema.json</c>.
/// </summary>
/// <param name="Store">Which store lost its data, e.g. <c>redis</c> (for logs; every request gets the same answer).</param>
/// <param name="RequestedBy">Who asks, e.g. the sink's key prefix and host (for logs).</param>
/// <param name="Reason">Why, in words (for logs).</param>
/// <param name="RequestedAt">When the store was found empty.</param>
public sealed record ServingRebuildRequest(string Store, string RequestedBy, string Reason, DateTimeOffset RequestedAt);
