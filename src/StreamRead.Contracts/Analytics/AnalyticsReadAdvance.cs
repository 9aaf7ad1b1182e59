namespace StreamRead.Contracts.Analytics;

/// <summary>
/// A user's own read position advanced from <paramref name="FromSeq"/> to <paramref name="ToSeq"/>
/// (an entry of <see cref="AnalyticsUpdate.ReadAdvances"/>): one fact per advance, whatever the
/// number of messages it covers. Key: conversation, user and <paramref name="ToSeq"/> (a position
/// only grows, so each value is reached once).
/// </summary>
/// <param name="UserId">The reader.</param>
/// <param name="FromSeq">Own read position before.</param>
/// <param name="ToSeq">Own read position after.</param>
/// <param name="NewlyRead">Known messages the user was eligible for and had not read, now read (own messages excluded).</param>
/// <param name="Cause">A read report, or a send (sending implies having read, SPEC 2.1).</param>
/// <param name="Private">Only the own position moved, not the public watermark (SPEC 2.6).</param>
/// <param name="GroupSize">The conversation's members when the advance happened.</param>
/// <param name="ReadAt">The record time of the report or message that caused the advance.</param>
/// <param name="LatencyMs">
/// Read latency: <paramref name="ReadAt"/> minus the <c>sentAt</c> of the newest message newly read
/// (at least 0); null when nothing was newly read or that message is no longer in the hot window.
/// </param>
public sealed record AnalyticsReadAdvance(
    string UserId,
    long FromSeq,
    long ToSeq,
    long NewlyRead,
    ReadAdvanceCause Cause,
    bool Private,
    long GroupSize,
    DateTimeOffset ReadAt,
    long? LatencyMs = null)
{
    /// <summary>
    /// The newly read messages sent at most 24 h before <paramref name="ReadAt"/>, counted per hour
    /// of sending: the numerator of read-through within 1 h and 24 h (docs/analytics.md).
    /// </summary>
    public IReadOnlyList<ReadThroughCount> ReadThrough { get; init => field = value ?? []; } = [];
}
