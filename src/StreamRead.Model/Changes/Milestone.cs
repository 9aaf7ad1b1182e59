namespace StreamRead.Model;

/// <summary>
/// A message reached a <see cref="MilestoneKind"/>: O(1) analytics rows per message give read
/// latency percentiles without one row per (member, message) (SPEC 3).
/// </summary>
/// <param name="Kind">Which milestone.</param>
/// <param name="Seq">The message.</param>
/// <param name="SentAtMs">The message's <c>sentAt</c> (ms since the Unix epoch).</param>
/// <param name="TimestampMs">Record timestamp of the input record that made the message reach it; latency = this - SentAtMs.</param>
/// <param name="Read">The message's read count at that moment.</param>
/// <param name="Eligible">The message's eligible count at that moment.</param>
public readonly record struct Milestone(
    MilestoneKind Kind,
    long Seq,
    long SentAtMs,
    long TimestampMs,
    long Read,
    long Eligible);
