namespace StreamRead.Model;

/// <summary>Settings of the read-state model, shared by every <see cref="ConversationState"/> of a processor.</summary>
public sealed class ModelOptions
{
    /// <summary>
    /// How long after a read report's record timestamp a newly arriving message can still be covered
    /// by it (SPEC 2.5, default 60 s). Record timestamps, not processing time, decide.
    /// </summary>
    public TimeSpan EarlyReadWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many of the highest known messages per conversation a flush emits counts and milestones
    /// for (default 256). A cache for serving, not a limit: older messages stay answerable.
    /// </summary>
    public int HotWindowSize { get; init; } = 256;

    /// <summary>
    /// How many early read reports a member keeps at most (default 4); beyond it the one whose window
    /// ends first is dropped. Reports that another dominates are never kept.
    /// </summary>
    public int MaxPendingReadsPerMember { get; init; } = 4;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and its valid range.</summary>
    public void Validate()
    {
        if (EarlyReadWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"{nameof(EarlyReadWindow)} must be positive (got {EarlyReadWindow}); the default is 00:01:00 (SPEC 2.5).",
                nameof(EarlyReadWindow));
        }

        if (HotWindowSize < 1)
        {
            throw new ArgumentException(
                $"{nameof(HotWindowSize)} must be at least 1 (got {HotWindowSize}); the default is 256.",
                nameof(HotWindowSize));
        }

        if (MaxPendingReadsPerMember < 1)
        {
            throw new ArgumentException(
                $"{nameof(MaxPendingReadsPerMember)} must be at least 1 (got {MaxPendingReadsPerMember}); the default is 4.",
                nameof(MaxPendingReadsPerMember));
        }
    }

    /// <summary>The early-read window in whole milliseconds, rounded up.</summary>
    internal long EarlyReadWindowMs => (EarlyReadWindow.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
}
