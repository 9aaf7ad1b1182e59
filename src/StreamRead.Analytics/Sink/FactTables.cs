using StreamRead.Analytics.Schema;

namespace StreamRead.Analytics.Sink;

/// <summary>The natural keys of the fact tables (docs/analytics.md, "De-duplication").</summary>
internal static class FactTables
{
    public static readonly FactTable<MessageSentRow> Messages = new(
        AnalyticsSchema.MessagesSent, "sent_at", ["conversation_id", "seq"],
        r => [r.ConversationId, r.Seq], r => r.SentAt, AnalyticsRowsJsonContext.Default.MessageSentRow);

    public static readonly FactTable<ReadAdvanceRow> ReadAdvances = new(
        AnalyticsSchema.ReadAdvances, "read_at", ["conversation_id", "user_id", "to_seq"],
        r => [r.ConversationId, r.UserId, r.ToSeq], r => r.ReadAt, AnalyticsRowsJsonContext.Default.ReadAdvanceRow);

    public static readonly FactTable<MilestoneRow> Milestones = new(
        AnalyticsSchema.MessageMilestones, "sent_at", ["conversation_id", "seq", "milestone"],
        r => [r.ConversationId, r.Seq, r.Milestone], r => r.SentAt, AnalyticsRowsJsonContext.Default.MilestoneRow);
}
