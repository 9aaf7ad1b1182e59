namespace StreamRead.Model.Structures;

/// <summary>One message of the hot window: what flushes and the read-before-message rule need.</summary>
internal struct HotMessage
{
    public long Seq;

    /// <summary>The message's <c>sentAt</c> (ms since the Unix epoch), carried into milestones.</summary>
    public long SentAtMs;

    /// <summary>
    /// The highest record timestamp among this message and the hot messages below it when it was
    /// placed: with valid input (times increasing with seq) its own record timestamp. Monotone in
    /// seq, so the first message beyond a report's window (SPEC 2.5) is found by binary search.
    /// </summary>
    public long CoverTimeMs;

    /// <summary>The sender's member index.</summary>
    public int Sender;

    /// <summary>Read count last emitted by a drain, or -1 before the first.</summary>
    public int EmittedRead;

    /// <summary>Eligible count last emitted by a drain, or -1 before the first.</summary>
    public int EmittedEligible;

    /// <summary>Milestones already fired: each fires once.</summary>
    public MilestoneFlags Fired;
}

/// <summary>The message milestones a hot message has fired, as bits.</summary>
[Flags]
internal enum MilestoneFlags : byte
{
    None = 0,
    FirstRead = 1,
    HalfRead = 2,
    AllRead = 4,
    All = FirstRead | HalfRead | AllRead,
}
