using StreamRead.Analytics.Schema;
using StreamRead.Contracts.Analytics;
using StreamRead.Contracts.Events;

namespace StreamRead.Analytics.Sink;

/// <summary>
/// The ClickHouse rows of a batch of <see cref="AnalyticsUpdate"/>s, each fact once: a fact that
/// arrives twice in a batch (a re-emitted flush) keeps the row of the higher version.
/// </summary>
internal sealed class AnalyticsRows
{
    public List<MessageSentRow> Messages { get; } = [];

    public List<ReadAdvanceRow> ReadAdvances { get; } = [];

    public List<MilestoneRow> Milestones { get; } = [];

    /// <summary>Badges need no de-duplication: the table keeps the highest version per (conversation, user).</summary>
    public List<BadgeRow> Badges { get; } = [];

    public static AnalyticsRows From(IEnumerable<AnalyticsUpdate> updates)
    {
        var messages = new Dictionary<string, MessageSentRow>(StringComparer.Ordinal);
        var advances = new Dictionary<string, ReadAdvanceRow>(StringComparer.Ordinal);
        var milestones = new Dictionary<string, MilestoneRow>(StringComparer.Ordinal);
        var rows = new AnalyticsRows();
        foreach (var update in updates)
        {
            var conversation = update.ConversationId;
            var version = update.Version;
            var bucket = GroupSizeBucket.Of(update.MemberCount);
            foreach (var m in update.Messages)
            {
                Keep(messages, FactTables.Messages, new MessageSentRow(
                    conversation, m.Seq, m.SenderId, Flag(m.Kind == ConversationKind.Direct), Seconds(m.SentAt),
                    m.Eligible, update.MemberCount, bucket, update.MessageCount, version), r => r.Version);
            }

            foreach (var a in update.ReadAdvances)
            {
                Keep(advances, FactTables.ReadAdvances, new ReadAdvanceRow(
                    conversation, a.UserId, a.FromSeq, a.ToSeq, a.NewlyRead, a.Cause == ReadAdvanceCause.Send ? "send" : "read",
                    Flag(a.Private), a.GroupSize, GroupSizeBucket.Of(a.GroupSize), Seconds(a.ReadAt),
                    Flag(a.LatencyMs is not null), a.LatencyMs ?? 0,
                    [.. a.ReadThrough.Select(t => Seconds(t.SentHour))],
                    [.. a.ReadThrough.Select(t => t.Within1h)],
                    [.. a.ReadThrough.Select(t => t.Within24h)],
                    version), r => r.Version);
            }

            foreach (var m in update.Milestones)
            {
                Keep(milestones, FactTables.Milestones, new MilestoneRow(
                    conversation, m.Seq, MilestoneName(m.Milestone), Seconds(m.SentAt), Seconds(m.ReachedAt),
                    Math.Max(0, (long)(m.ReachedAt - m.SentAt).TotalMilliseconds), m.Read, m.Eligible, update.MemberCount, bucket, version),
                    r => r.Version);
            }

            rows.Badges.AddRange(update.Badges.Select(b => new BadgeRow(
                conversation, b.UserId, Flag(b.Member), b.Unread, b.ReadSeq, update.MessageCount, Seconds(update.EmittedAt), version)));
        }

        rows.Messages.AddRange(messages.Values);
        rows.ReadAdvances.AddRange(advances.Values);
        rows.Milestones.AddRange(milestones.Values);
        return rows;
    }

    /// <summary>The <c>message_milestones.milestone</c> Enum8 label.</summary>
    public static string MilestoneName(MessageMilestone milestone) => milestone switch
    {
        MessageMilestone.FirstRead => "first_read",
        MessageMilestone.HalfRead => "half_read",
        _ => "all_read",
    };

    private static void Keep<TRow>(Dictionary<string, TRow> rows, FactTable<TRow> table, TRow row, Func<TRow, long> version)
    {
        var key = table.KeyOf(row);
        if (!rows.TryGetValue(key, out var kept) || version(kept) < version(row))
        {
            rows[key] = row;
        }
    }

    private static byte Flag(bool value) => value ? (byte)1 : (byte)0;

    // DateTime holds 1970-01-01 to 2106-02-07 (UInt32 seconds). A client's far-off sentAt is valid
    // input (SPEC 1), but ClickHouse would reject or wrap it: clamp, so it can never stop the sink.
    private static long Seconds(DateTimeOffset time) => Math.Clamp(time.ToUnixTimeSeconds(), 0, uint.MaxValue);
}
