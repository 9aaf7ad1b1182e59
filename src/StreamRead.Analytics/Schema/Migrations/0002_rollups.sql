-- Rollups for the per-minute and per-hour dashboards (docs/analytics.md), fed by materialized
-- views on the fact tables of 0001. A view sees each inserted block once, so these stay exact
-- only because the sink never inserts a fact that is already stored (ClickHouseAnalyticsWriter).
-- State columns end in _state; queries read them with the -Merge functions (AnalyticsQueries).

CREATE TABLE IF NOT EXISTS read_activity_minute
(
    minute DateTime('UTC'),
    group_bucket Enum8('1-2' = 1, '3-10' = 2, '11-100' = 3, '101-1000' = 4, '1001-10000' = 5, '10001+' = 6),
    cause Enum8('read' = 1, 'send' = 2),
    advances_state AggregateFunction(count),
    newly_read_state AggregateFunction(sum, UInt64),
    latency_state AggregateFunction(quantilesTDigestIf(0.5, 0.9, 0.99), UInt64, UInt8),
    readers_state AggregateFunction(uniq, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, group_bucket, cause);

CREATE MATERIALIZED VIEW IF NOT EXISTS read_activity_minute_mv TO read_activity_minute AS
SELECT
    toStartOfMinute(read_at) AS minute,
    group_bucket,
    cause,
    countState() AS advances_state,
    sumState(newly_read) AS newly_read_state,
    quantilesTDigestIfState(0.5, 0.9, 0.99)(latency_ms, has_latency) AS latency_state,
    uniqState(user_id) AS readers_state
FROM read_advances
GROUP BY minute, group_bucket, cause;

CREATE TABLE IF NOT EXISTS read_activity_hour
(
    hour DateTime('UTC'),
    group_bucket Enum8('1-2' = 1, '3-10' = 2, '11-100' = 3, '101-1000' = 4, '1001-10000' = 5, '10001+' = 6),
    cause Enum8('read' = 1, 'send' = 2),
    advances_state AggregateFunction(count),
    newly_read_state AggregateFunction(sum, UInt64),
    latency_state AggregateFunction(quantilesTDigestIf(0.5, 0.9, 0.99), UInt64, UInt8),
    readers_state AggregateFunction(uniq, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (hour, group_bucket, cause);

CREATE MATERIALIZED VIEW IF NOT EXISTS read_activity_hour_mv TO read_activity_hour AS
SELECT
    toStartOfHour(read_at) AS hour,
    group_bucket,
    cause,
    countState() AS advances_state,
    sumState(newly_read) AS newly_read_state,
    quantilesTDigestIfState(0.5, 0.9, 0.99)(latency_ms, has_latency) AS latency_state,
    uniqState(user_id) AS readers_state
FROM read_advances
GROUP BY hour, group_bucket, cause;

-- Read-through per hour of sending: messages and their eligible readers (the denominator) from
-- messages_sent, reads within 1 h and 24 h (the numerator) from the advances' per-hour counts.
CREATE TABLE IF NOT EXISTS read_through_hour
(
    sent_hour DateTime('UTC'),
    group_bucket Enum8('1-2' = 1, '3-10' = 2, '11-100' = 3, '101-1000' = 4, '1001-10000' = 5, '10001+' = 6),
    messages_total UInt64,
    eligible_total UInt64,
    read_1h_total UInt64,
    read_24h_total UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(sent_hour)
ORDER BY (sent_hour, group_bucket);

CREATE MATERIALIZED VIEW IF NOT EXISTS read_through_hour_messages_mv TO read_through_hour AS
SELECT
    toStartOfHour(sent_at) AS sent_hour,
    group_bucket,
    toUInt64(1) AS messages_total,
    eligible AS eligible_total,
    toUInt64(0) AS read_1h_total,
    toUInt64(0) AS read_24h_total
FROM messages_sent;

CREATE MATERIALIZED VIEW IF NOT EXISTS read_through_hour_reads_mv TO read_through_hour AS
SELECT
    through_hour AS sent_hour,
    group_bucket,
    toUInt64(0) AS messages_total,
    toUInt64(0) AS eligible_total,
    toUInt64(through_1h) AS read_1h_total,
    toUInt64(through_24h) AS read_24h_total
FROM read_advances
ARRAY JOIN through_hours AS through_hour, through_read_1h AS through_1h, through_read_24h AS through_24h;

-- Per-message latencies (time from sending to each milestone), by hour of sending.
CREATE TABLE IF NOT EXISTS milestones_hour
(
    sent_hour DateTime('UTC'),
    group_bucket Enum8('1-2' = 1, '3-10' = 2, '11-100' = 3, '101-1000' = 4, '1001-10000' = 5, '10001+' = 6),
    milestone Enum8('first_read' = 1, 'half_read' = 2, 'all_read' = 3),
    messages_state AggregateFunction(count),
    latency_state AggregateFunction(quantilesTDigest(0.5, 0.9, 0.99), UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(sent_hour)
ORDER BY (sent_hour, group_bucket, milestone);

CREATE MATERIALIZED VIEW IF NOT EXISTS milestones_hour_mv TO milestones_hour AS
SELECT
    toStartOfHour(sent_at) AS sent_hour,
    group_bucket,
    milestone,
    countState() AS messages_state,
    quantilesTDigestState(0.5, 0.9, 0.99)(latency_ms) AS latency_state
FROM message_milestones
GROUP BY sent_hour, group_bucket, milestone;
