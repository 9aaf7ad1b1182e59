using StreamRead.ClickHouse.Migrations;

namespace StreamRead.Analytics.Schema;

/// <summary>
/// The analytics schema in ClickHouse (docs/analytics.md): versioned migrations embedded in this
/// assembly (Schema/Migrations/NNNN_name.sql), applied by <see cref="ClickHouseMigrator"/> when the
/// sink starts, idempotent and valid on ClickHouse 18.16 and current versions.
/// </summary>
public static class AnalyticsSchema
{
    /// <summary>Fact table: one row per message.</summary>
    public const string MessagesSent = "messages_sent";

    /// <summary>Fact table: one row per read advance.</summary>
    public const string ReadAdvances = "read_advances";

    /// <summary>Fact table: at most three rows per message.</summary>
    public const string MessageMilestones = "message_milestones";

    /// <summary>The latest badge per (conversation, member).</summary>
    public const string UnreadBadges = "unread_badges";

    /// <summary>The migrations, in version order.</summary>
    public static IReadOnlyList<ClickHouseMigration> Migrations { get; } =
        ClickHouseMigration.FromEmbeddedResources(typeof(AnalyticsSchema).Assembly, "StreamRead.Analytics.Migrations.");
}
