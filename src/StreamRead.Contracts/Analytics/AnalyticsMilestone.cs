namespace StreamRead.Contracts.Analytics;

/// <summary>
/// A message reached a milestone (an entry of <see cref="AnalyticsUpdate.Milestones"/>): at most
/// three facts per message give per-message latencies (SPEC 3). Key: conversation, seq and milestone.
/// </summary>
/// <param name="Milestone">Which one.</param>
/// <param name="Seq">The message.</param>
/// <param name="SentAt">The message's <c>sentAt</c>.</param>
/// <param name="ReachedAt">Record time of the input record that made it reach the milestone.</param>
/// <param name="Read">Its read count then.</param>
/// <param name="Eligible">Its eligible count then.</param>
public sealed record AnalyticsMilestone(MessageMilestone Milestone, long Seq, DateTimeOffset SentAt, DateTimeOffset ReachedAt, long Read, long Eligible);
