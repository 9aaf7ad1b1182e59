using StreamRead.Model.Structures;

namespace StreamRead.Model;

/// <summary>
/// The read state of one conversation (SPEC 2): known messages, one entry per user with its
/// eligibility point, public watermark and own read position, and what changed since the last drain.
/// </summary>
/// <remarks>
/// <para>
/// Counts come from two order-statistic multisets over current members, <c>L = {a_u}</c> and
/// <c>H = {max(a_u, w_u)}</c>: <c>eligible(s) = L.CountLess(s) - sender</c> and
/// <c>read(s) = L.CountLess(s) - H.CountLess(s) - sender</c>, so applying an event or answering a
/// count costs O(log n) and nothing loops over the members of a group (SPEC 2.3; docs/design.md).
/// </para>
/// <para>Not thread-safe: one task owns a conversation and applies its records in order.</para>
/// </remarks>
public sealed partial class ConversationState
{
    private readonly ModelOptions options;
    private readonly long earlyReadWindowMs;
    private readonly MemberTable members = new();
    private readonly OrderStatisticMultiset eligibilityPoints = new(); // L = {a_u : u a current member}
    private readonly OrderStatisticMultiset readLimits = new(); // H = {max(a_u, w_u) : u a current member}
    private readonly MessageLog messages = new();
    private readonly HotWindow hot;
    private readonly PendingReadTable pending = new();

    // The record being applied: its timestamp (for advances and milestones) and the seq range
    // (touchedLow, touchedHigh] whose counts it may have changed (for milestones).
    private long recordTimestampMs;
    private long touchedLow = long.MaxValue;
    private long touchedHigh = long.MinValue;

    /// <summary>Creates the empty state of a conversation.</summary>
    /// <exception cref="ArgumentException">The id is empty or an option is out of range.</exception>
    public ConversationState(string conversationId, ModelOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ConversationId = conversationId;
        this.options = options;
        earlyReadWindowMs = options.EarlyReadWindowMs;
        hot = new HotWindow(options.HotWindowSize);
    }

    /// <summary>The conversation.</summary>
    public string ConversationId { get; }

    /// <summary>
    /// How many records were applied (each Apply call adds one, duplicates and stale events
    /// included), so it is the same in every run that applies the same records once (SPEC 2.7).
    /// </summary>
    public long Version { get; private set; }

    /// <summary>The highest known message seq, 0 when no message is known.</summary>
    public long LastSeq => messages.LastSeq;

    /// <summary>How many messages are known.</summary>
    public long KnownMessageCount => messages.Count;

    /// <summary>Whether the highest-seq message was sent as <c>direct</c> (SPEC 1).</summary>
    public bool IsDirect { get; private set; }

    /// <summary>How many users are current members.</summary>
    public int MemberCount => eligibilityPoints.Count;

    /// <summary>The model's settings.</summary>
    public ModelOptions Options => options;

    private void BeginRecord(long timestampMs)
    {
        Version++;
        recordTimestampMs = timestampMs;
    }

    private void EndRecord()
    {
        FireMilestones();
        touchedLow = long.MaxValue;
        touchedHigh = long.MinValue;
    }

    // Records that counts of seqs in (low, high] may have changed: for the next drain and for the
    // milestones of the current record. Ranges below the hot window hold no message a drain emits.
    private void MarkCounts(long low, long high)
    {
        if (high <= low || hot.Count == 0 || high < hot.From)
        {
            return;
        }

        dirtyCounts.Add(low, high);
        touchedLow = Math.Min(touchedLow, low);
        touchedHigh = Math.Max(touchedHigh, high);
    }

    private void MarkChanged(int member)
    {
        ref MemberEntry entry = ref members[member];
        if ((entry.Flags & MemberFlags.Changed) == 0)
        {
            entry.Flags |= MemberFlags.Changed;
            changedMembers.Add(member);
        }
    }

    private static void ValidateUserId(string userId, string parameterName)
    {
        if (string.IsNullOrEmpty(userId))
        {
            throw new ArgumentException("A user id must be a non-empty string (SPEC 1); dead-letter records without one.", parameterName);
        }
    }

    private static long SaturatingAdd(long value, long nonNegative) =>
        value > long.MaxValue - nonNegative ? long.MaxValue : value + nonNegative;
}
