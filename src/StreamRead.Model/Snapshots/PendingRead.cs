namespace StreamRead.Model;

/// <summary>
/// A read report kept because it reaches beyond the conversation's last known message (SPEC 2.5):
/// it still covers messages that arrive within the early-read window of its record timestamp.
/// </summary>
/// <param name="ReadSeq">How far the report may still cover: its readSeq.</param>
/// <param name="TimestampMs">The report's record timestamp (ms since the Unix epoch).</param>
/// <param name="IsPrivate">A private report moves only the own read position (SPEC 2.6).</param>
public readonly record struct PendingRead(long ReadSeq, long TimestampMs, bool IsPrivate)
{
    /// <summary>
    /// Whether this report covers everything <paramref name="other"/> could still cover: it reaches
    /// as far, its window ends no earlier, and it is not weaker in privacy (public covers both).
    /// </summary>
    internal bool Dominates(PendingRead other) =>
        ReadSeq >= other.ReadSeq && TimestampMs >= other.TimestampMs && (!IsPrivate || other.IsPrivate);
}
