namespace StreamRead.Model;

/// <summary>
/// The state of a conversation except its members (those are <see cref="MemberSnapshot"/>s): plain
/// data for the changelog. Equality compares the arrays by content.
/// </summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Version">Records applied so far (SPEC 2.7).</param>
/// <param name="IsDirect">Kind of the highest-seq message.</param>
/// <param name="RunStarts">Known seqs as runs of consecutive seqs: first seq of each run, ascending.</param>
/// <param name="RunEnds">Last seq of each run (same length as <paramref name="RunStarts"/>).</param>
/// <param name="Senders">The distinct senders, referenced by <paramref name="MessageSenders"/> (empty when captured without senders).</param>
/// <param name="MessageSenders">
/// For every known seq in ascending order, its sender's index in <paramref name="Senders"/> (empty
/// when captured without senders, <see cref="ConversationState.CaptureSnapshotWithoutSenders"/>).
/// </param>
/// <param name="HotMessages">The hot window, ascending by seq.</param>
/// <param name="BelowHotCoverTimeMs">
/// The highest record time of the known messages below the hot window (<see cref="long.MinValue"/> when
/// none): where the read-before-message rule stops knowing times (SPEC 2.5).
/// </param>
public sealed record ConversationSnapshot(
    string ConversationId,
    long Version,
    bool IsDirect,
    long[] RunStarts,
    long[] RunEnds,
    string[] Senders,
    int[] MessageSenders,
    HotMessageSnapshot[] HotMessages,
    long BelowHotCoverTimeMs)
{
    /// <summary>How many messages are known: the seqs in the runs.</summary>
    public long MessageCount
    {
        get
        {
            var count = 0L;
            for (var i = 0; i < RunStarts.Length; i++)
            {
                count += RunEnds[i] - RunStarts[i] + 1;
            }

            return count;
        }
    }

    /// <inheritdoc />
    public bool Equals(ConversationSnapshot? other) =>
        other is not null
        && ConversationId == other.ConversationId
        && Version == other.Version
        && IsDirect == other.IsDirect
        && RunStarts.AsSpan().SequenceEqual(other.RunStarts)
        && RunEnds.AsSpan().SequenceEqual(other.RunEnds)
        && Senders.AsSpan().SequenceEqual(other.Senders)
        && MessageSenders.AsSpan().SequenceEqual(other.MessageSenders)
        && HotMessages.AsSpan().SequenceEqual(other.HotMessages)
        && BelowHotCoverTimeMs == other.BelowHotCoverTimeMs;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ConversationId, Version, RunStarts.Length, MessageSenders.Length);
}
