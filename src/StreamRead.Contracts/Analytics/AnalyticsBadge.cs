namespace StreamRead.Contracts.Analytics;

/// <summary>
/// A member's badge after the flush (an entry of <see cref="AnalyticsUpdate.Badges"/>, SPEC 2.4);
/// the latest one per (conversation, user), by version, gives the unread backlog.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="Member">Whether the user is a member (a former member's badge is 0).</param>
/// <param name="Unread">Known messages after the user's own read position that the user is eligible for.</param>
/// <param name="ReadSeq">The user's own read position, private reads included.</param>
public sealed record AnalyticsBadge(string UserId, bool Member, long Unread, long ReadSeq);
