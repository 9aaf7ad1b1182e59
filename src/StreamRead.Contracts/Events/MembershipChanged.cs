namespace StreamRead.Contracts.Events;

/// <summary><c>chat.members</c>: a membership changed (SPEC 1).</summary>
/// <param name="AfterSeq">
/// Optional: the member is eligible for messages with seq greater than this. Absent means the
/// conversation's last seq known to the processor when it applies the event.
/// </param>
public sealed record MembershipChanged(
    string ConversationId,
    string UserId,
    MembershipChange Change,
    DateTimeOffset At,
    long? AfterSeq = null) : IChatEvent;
