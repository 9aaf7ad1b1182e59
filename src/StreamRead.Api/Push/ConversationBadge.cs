using StreamRead.Contracts.Receipts;

namespace StreamRead.Api.Push;

/// <summary>
/// What the hub knows about one watched user in one conversation, enough to keep the badge
/// current when a message arrives: the receipts record then carries no badge for the user (the
/// model emits only members whose own state changed), so the hub derives it (SPEC 2.4):
/// <c>unread = messageCount - known</c>, where <c>known</c> counts the known messages at or below
/// the user's position <c>p = max(readSeq, afterSeq)</c>. <c>known</c> changes only when a message
/// at or below <c>p</c> becomes known, which the update's message list tells.
/// </summary>
internal sealed class ConversationBadge
{
    public long Version { get; private set; }

    public bool Member { get; private set; }

    public long ReadSeq { get; private set; }

    public long AfterSeq { get; private set; }

    public long Unread { get; private set; }

    public long LastSeq { get; private set; }

    /// <summary>Known messages with seq at or below <c>max(ReadSeq, AfterSeq)</c>.</summary>
    private long _knownAtOrBelow;

    /// <summary>The highest seq already counted into <see cref="_knownAtOrBelow"/> (replays count once).</summary>
    private long _countedThrough;

    /// <summary>From the serving store: the user's hash entry and the conversation's counts.</summary>
    public static ConversationBadge FromStore(long version, long readSeq, long afterSeq, long unread, long lastSeq, long messageCount) => new()
    {
        Version = version,
        Member = true,
        ReadSeq = readSeq,
        AfterSeq = afterSeq,
        Unread = unread,
        LastSeq = lastSeq,
        _knownAtOrBelow = messageCount - unread,
        _countedThrough = lastSeq,
    };

    /// <summary>A new, empty state (the first update for this conversation sets it).</summary>
    public static ConversationBadge Empty() => new();

    /// <summary>Applies the user's own badge entry of <paramref name="update"/>: absolute values.</summary>
    /// <param name="member">The user's members entry of the same update (eligibility), when present.</param>
    /// <returns>False when the update is older than what is held.</returns>
    public bool ApplyBadge(ReceiptUpdate update, ReceiptBadge badge, ReceiptMember? member)
    {
        if (update.Version < Version)
        {
            return false;
        }

        Version = update.Version;
        // A badge without a members entry belongs to a member (as the Redis sink reads it).
        Member = member?.Member ?? true;
        AfterSeq = member?.AfterSeq ?? AfterSeq;
        ReadSeq = badge.ReadSeq;
        Unread = Member ? badge.Unread : 0;
        LastSeq = update.LastSeq;
        _knownAtOrBelow = update.MessageCount - Unread;
        _countedThrough = update.LastSeq;
        return true;
    }

    /// <summary>Derives the badge after new messages, for an update that has no badge entry for the user.</summary>
    /// <returns>False when the update is older than what is held or the user is not a member.</returns>
    public bool ApplyMessages(ReceiptUpdate update)
    {
        if (update.Version < Version || !Member)
        {
            return false;
        }

        var position = Math.Max(ReadSeq, AfterSeq);
        foreach (var message in update.Messages)
        {
            if (message.Seq > _countedThrough)
            {
                if (message.Seq <= position)
                {
                    _knownAtOrBelow++;
                }

                _countedThrough = message.Seq;
            }
        }

        Version = update.Version;
        LastSeq = update.LastSeq;
        Unread = Math.Max(0, update.MessageCount - _knownAtOrBelow);
        return true;
    }

    /// <summary>Replaces the state with a fresher one read from the store.</summary>
    public void ReplaceWith(ConversationBadge other)
    {
        Version = other.Version;
        Member = other.Member;
        ReadSeq = other.ReadSeq;
        AfterSeq = other.AfterSeq;
        Unread = other.Unread;
        LastSeq = other.LastSeq;
        _knownAtOrBelow = other._knownAtOrBelow;
        _countedThrough = other._countedThrough;
    }
}
