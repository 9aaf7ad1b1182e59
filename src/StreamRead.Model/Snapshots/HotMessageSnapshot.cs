namespace StreamRead.Model;

/// <summary>One hot-window message inside a <see cref="ConversationSnapshot"/>.</summary>
/// <param name="Seq">The message.</param>
/// <param name="SentAtMs">Its <c>sentAt</c> (ms).</param>
/// <param name="CoverTimeMs">The record time the read-before-message rule uses for it (SPEC 2.5).</param>
/// <param name="EmittedRead">Read count last emitted by a drain, -1 before the first.</param>
/// <param name="EmittedEligible">Eligible count last emitted by a drain, -1 before the first.</param>
/// <param name="FirstReadFired">The first-read milestone was emitted.</param>
/// <param name="HalfReadFired">The half-read milestone was emitted.</param>
/// <param name="AllReadFired">The all-read milestone was emitted.</param>
public readonly record struct HotMessageSnapshot(
    long Seq,
    long SentAtMs,
    long CoverTimeMs,
    long EmittedRead,
    long EmittedEligible,
    bool FirstReadFired,
    bool HalfReadFired,
    bool AllReadFired);
