namespace StreamRead.Analytics.Queries;

/// <summary>
/// Every dashboard query, in one place (docs/analytics.md explains the tables they read). The
/// <c>/analytics</c> page, <c>streamread report</c> and the Grafana dashboard
/// (deploy/grafana/dashboards/streamread.json, checked by a test) run exactly these texts.
/// </summary>
/// <remarks>
/// Rules that keep them portable from ClickHouse 18.16 to current versions: no CTEs, no window
/// functions, no query parameters (the range is rendered as <c>toDateTime(unix seconds)</c>); an
/// alias never reuses the name of a column it reads (18.16 substitutes aliases recursively), which
/// is why rollup columns are called <c>*_state</c> or <c>*_total</c>. Time buckets that overlap the
/// range count, so a range always includes its first, partial minute, hour or day. Percentiles of an
/// empty set are NaN, which the JSON output writes as null.
/// </remarks>
public static class AnalyticsQueries
{
    /// <summary>
    /// Read latency p50/p90/p99 per minute. Latency of a read advance = its time minus the send time
    /// of the newest message it newly read (so a user who opens a conversation 5 min after the last
    /// message counts 5 min, whatever older messages it also read); t-digest states of the
    /// per-minute rollup, merged across group sizes and causes.
    /// </summary>
    public static readonly AnalyticsQuery ReadLatencyPerMinute = LatencyOverTime(
        "read_latency_per_minute", "Read latency per minute", "read_activity_minute", "minute", "toStartOfMinute");

    /// <summary>Read latency p50/p90/p99 per hour: as <see cref="ReadLatencyPerMinute"/>, from the per-hour rollup.</summary>
    public static readonly AnalyticsQuery ReadLatencyPerHour = LatencyOverTime(
        "read_latency_per_hour", "Read latency per hour", "read_activity_hour", "hour", "toStartOfHour");

    /// <summary>
    /// Read latency p50/p90/p99 by group-size bucket (members when the advance happened) over the
    /// range, from the per-hour rollup.
    /// </summary>
    public static readonly AnalyticsQuery ReadLatencyByGroupSize = new(
        "read_latency_by_group_size",
        "Read latency by group size",
        "Time from a message's sending to the read advance that read it as the newest message, by members in the conversation.",
        ["group_size", "advances", "p50_ms", "p90_ms", "p99_ms"],
        """
        SELECT group_size, advances, round(q[1]) AS p50_ms, round(q[2]) AS p90_ms, round(q[3]) AS p99_ms
        FROM
        (
            SELECT group_bucket AS group_size, countMerge(advances_state) AS advances, quantilesTDigestIfMerge(0.5, 0.9, 0.99)(latency_state) AS q
            FROM read_activity_hour
            WHERE hour >= toStartOfHour({from}) AND hour < {to}
            GROUP BY group_size
        )
        ORDER BY group_size
        """);

    /// <summary>
    /// Read-through within 1 h and 24 h per hour of sending: of the (eligible member, message) pairs
    /// of the messages sent that hour, the share read within 1 h and within 24 h of sending. The
    /// denominator sums each message's eligible readers (messages_sent); the numerator sums what the
    /// read advances counted per hour of sending (read_advances.through_*). Hours less than 24 h old
    /// are still growing. Eligibility is taken when the message became known; a member who joins
    /// later with an explicit earlier afterSeq can push a value above 100 %.
    /// </summary>
    public static readonly AnalyticsQuery ReadThroughPerHour = new(
        "read_through_per_hour",
        "Read-through per hour of sending",
        "Share of eligible (member, message) pairs read within 1 h and within 24 h of sending, by hour the messages were sent.",
        ["time", "messages", "eligible", "read_within_1h", "read_within_24h", "read_through_1h", "read_through_24h"],
        """
        SELECT time, messages, eligible, read_within_1h, read_within_24h,
            round(read_within_1h / eligible, 4) AS read_through_1h, round(read_within_24h / eligible, 4) AS read_through_24h
        FROM
        (
            SELECT sent_hour AS time, sum(messages_total) AS messages, sum(eligible_total) AS eligible,
                sum(read_1h_total) AS read_within_1h, sum(read_24h_total) AS read_within_24h
            FROM read_through_hour
            WHERE sent_hour >= toStartOfHour({from}) AND sent_hour < {to}
            GROUP BY time
        )
        ORDER BY time
        """);

    /// <summary>Read-through within 1 h and 24 h by group-size bucket, over the messages sent in the range (as <see cref="ReadThroughPerHour"/>).</summary>
    public static readonly AnalyticsQuery ReadThroughByGroupSize = new(
        "read_through_by_group_size",
        "Read-through by group size",
        "Share of eligible (member, message) pairs read within 1 h and within 24 h of sending, by members in the conversation.",
        ["group_size", "messages", "eligible", "read_within_1h", "read_within_24h", "read_through_1h", "read_through_24h"],
        """
        SELECT group_size, messages, eligible, read_within_1h, read_within_24h,
            round(read_within_1h / eligible, 4) AS read_through_1h, round(read_within_24h / eligible, 4) AS read_through_24h
        FROM
        (
            SELECT group_bucket AS group_size, sum(messages_total) AS messages, sum(eligible_total) AS eligible,
                sum(read_1h_total) AS read_within_1h, sum(read_24h_total) AS read_within_24h
            FROM read_through_hour
            WHERE sent_hour >= toStartOfHour({from}) AND sent_hour < {to}
            GROUP BY group_size
        )
        ORDER BY group_size
        """);

    /// <summary>
    /// Read reports per minute: read advances caused by a read report, next to those caused by a
    /// send and the messages they newly read. A report that moves nothing (a duplicate, a stale
    /// device) is no fact; the processor's metrics count raw input.
    /// </summary>
    public static readonly AnalyticsQuery ReadReportsPerMinute = ActivityOverTime(
        "read_reports_per_minute", "Read reports per minute", "read_activity_minute", "minute", "toStartOfMinute");

    /// <summary>Read reports per hour: as <see cref="ReadReportsPerMinute"/>, from the per-hour rollup.</summary>
    public static readonly AnalyticsQuery ReadReportsPerHour = ActivityOverTime(
        "read_reports_per_hour", "Read reports per hour", "read_activity_hour", "hour", "toStartOfHour");

    /// <summary>
    /// Active readers per day (UTC): distinct users with at least one read advance (a report or a
    /// send), merging the per-hour uniq states (exact below 65,536 users a day, about 1 % above).
    /// </summary>
    public static readonly AnalyticsQuery ActiveReadersPerDay = new(
        "active_readers_per_day",
        "Active readers per day",
        "Distinct users whose read position advanced that day (UTC), by a read report or a send.",
        ["day", "active_readers"],
        """
        SELECT toDate(hour) AS day, uniqMerge(readers_state) AS active_readers
        FROM read_activity_hour
        WHERE hour >= toStartOfDay({from}) AND hour < {to}
        GROUP BY day
        ORDER BY day
        """);

    /// <summary>
    /// Unread backlog now: users by their total unread count over their conversations (SPEC 2.4).
    /// Per (conversation, member) the latest badge (FINAL) plus the messages that became known since
    /// that badge was taken (the conversation's known count now, from messages_sent, minus the one
    /// stored with the badge): a message arrival changes every member's badge but emits only the
    /// sender's. Former members count 0.
    /// </summary>
    public static readonly AnalyticsQuery UnreadBacklog = new(
        "unread_backlog",
        "Unread backlog",
        "Users by total unread messages over their conversations, now.",
        ["backlog", "users"],
        """
        SELECT backlog, users
        FROM
        (
            SELECT multiIf(total = 0, '0', total < 10, '1-9', total < 100, '10-99', total < 1000, '100-999', '1000+') AS backlog,
                min(total) AS lowest, count() AS users
            FROM
            (
                SELECT user_id, sum(unread + greatest(known_now, known_messages) - known_messages) AS total
                FROM
                (
                    SELECT conversation_id, user_id, unread, known_messages
                    FROM unread_badges FINAL
                    WHERE is_member = 1
                )
                ANY LEFT JOIN
                (
                    SELECT conversation_id, max(known_messages) AS known_now
                    FROM messages_sent
                    GROUP BY conversation_id
                ) USING conversation_id
                GROUP BY user_id
            )
            GROUP BY backlog
        )
        ORDER BY lowest
        """);

    /// <summary>
    /// Per-message latency to each milestone (first read, half of the eligible members, all of them),
    /// p50/p90/p99 over the messages sent in the range, from the per-hour milestone rollup.
    /// </summary>
    public static readonly AnalyticsQuery MessageMilestones = new(
        "message_milestones",
        "Message milestones",
        "Time from sending until a message's first reader, half of its eligible readers and all of them read it.",
        ["milestone", "messages", "p50_ms", "p90_ms", "p99_ms"],
        """
        SELECT milestone, messages, round(q[1]) AS p50_ms, round(q[2]) AS p90_ms, round(q[3]) AS p99_ms
        FROM
        (
            SELECT milestone, countMerge(messages_state) AS messages, quantilesTDigestMerge(0.5, 0.9, 0.99)(latency_state) AS q
            FROM milestones_hour
            WHERE sent_hour >= toStartOfHour({from}) AND sent_hour < {to}
            GROUP BY milestone
        )
        ORDER BY milestone
        """);

    /// <summary>Every query, in the order the page and the report show them.</summary>
    public static IReadOnlyList<AnalyticsQuery> All { get; } =
    [
        ReadLatencyPerMinute, ReadLatencyPerHour, ReadLatencyByGroupSize,
        ReadThroughPerHour, ReadThroughByGroupSize,
        ReadReportsPerMinute, ReadReportsPerHour, ActiveReadersPerDay,
        UnreadBacklog, MessageMilestones,
    ];

    /// <summary>The query named <paramref name="id"/>, or null.</summary>
    public static AnalyticsQuery? Find(string id) => All.FirstOrDefault(q => q.Id == id);

    /// <summary>
    /// The queries for a range: the per-minute variants for short ranges, the per-hour ones for
    /// longer (<see cref="TimeRange.PerMinute"/>), and every other query.
    /// </summary>
    public static IReadOnlyList<AnalyticsQuery> For(TimeRange range) =>
        All.Where(q => range.PerMinute
                ? q != ReadLatencyPerHour && q != ReadReportsPerHour
                : q != ReadLatencyPerMinute && q != ReadReportsPerMinute)
            .ToArray();

    private static AnalyticsQuery LatencyOverTime(string id, string title, string table, string timeColumn, string truncate) => new(
        id,
        title,
        "Time from a message's sending to the read advance that read it as the newest message: p50, p90 and p99 of every advance that newly read something.",
        ["time", "advances", "p50_ms", "p90_ms", "p99_ms"],
        $"""
        SELECT time, advances, round(q[1]) AS p50_ms, round(q[2]) AS p90_ms, round(q[3]) AS p99_ms
        FROM
        (
            SELECT {timeColumn} AS time, countMerge(advances_state) AS advances, quantilesTDigestIfMerge(0.5, 0.9, 0.99)(latency_state) AS q
            FROM {table}
            WHERE {timeColumn} >= {truncate}({"{from}"}) AND {timeColumn} < {"{to}"}
            GROUP BY time
        )
        ORDER BY time
        """);

    private static AnalyticsQuery ActivityOverTime(string id, string title, string table, string timeColumn, string truncate) => new(
        id,
        title,
        "Read advances caused by read reports and by sends, and the messages they newly read.",
        ["time", "read_reports", "sends", "messages_read"],
        $"""
        SELECT time, sumIf(advances, cause = 'read') AS read_reports, sumIf(advances, cause = 'send') AS sends, sum(newly_read) AS messages_read
        FROM
        (
            SELECT {timeColumn} AS time, cause, countMerge(advances_state) AS advances, sumMerge(newly_read_state) AS newly_read
            FROM {table}
            WHERE {timeColumn} >= {truncate}({"{from}"}) AND {timeColumn} < {"{to}"}
            GROUP BY time, cause
        )
        GROUP BY time
        ORDER BY time
        """);
}
