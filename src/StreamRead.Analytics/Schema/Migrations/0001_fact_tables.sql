-- The facts of streamread.analytics (docs/analytics.md, SPEC 3). Never one row per (member,
-- message): one row per read advance (a range of seqs), per message, per message milestone, and
-- one badge per (conversation, member). Each table is a ReplacingMergeTree on the fact's natural
-- key, so a fact stored twice is one row after merges and under FINAL; the sink also skips facts
-- already stored, which keeps the rollups of 0002 exact under replay.
-- Runs on ClickHouse 18.16 and current versions: no DateTime64, LowCardinality, TTL or CODEC;
-- a column alias never reuses a source column's name (18.16 resolves it recursively).

CREATE TABLE IF NOT EXISTS messages_sent
(
    conversation_id String,
    seq UInt64,
    sender_id String,
    is_direct UInt8,
    sent_at DateTime('UTC'),
    eligible UInt64,
    group_size UInt32,
    group_bucket Enum8('1-2' = 1, '3-10' = 2, '11-100' = 3, '101-1000' = 4, '1001-10000' = 5, '10001+' = 6),
    known_messages UInt64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(sent_at)
ORDER BY (conversation_id, seq);

CREATE TABLE IF NOT EXISTS read_advances
(
    conversation_id String,
    user_id String,
    from_seq UInt64,
    to_seq UInt64,
    newly_read UInt64,
    cause Enum8('read' = 1, 'send' = 2),
    is_private UInt8,
    group_size UInt32,
    group_bucket Enum8('1-2' = 1, '3-10' = 2, '11-100' = 3, '101-1000' = 4, '1001-10000' = 5, '10001+' = 6),
    read_at DateTime('UTC'),
    has_latency UInt8,
    latency_ms UInt64,
    through_hours Array(DateTime('UTC')),
    through_read_1h Array(UInt32),
    through_read_24h Array(UInt32),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(read_at)
ORDER BY (conversation_id, user_id, to_seq);

CREATE TABLE IF NOT EXISTS message_milestones
(
    conversation_id String,
    seq UInt64,
    milestone Enum8('first_read' = 1, 'half_read' = 2, 'all_read' = 3),
    sent_at DateTime('UTC'),
    reached_at DateTime('UTC'),
    latency_ms UInt64,
    read_count UInt64,
    eligible UInt64,
    group_size UInt32,
    group_bucket Enum8('1-2' = 1, '3-10' = 2, '11-100' = 3, '101-1000' = 4, '1001-10000' = 5, '10001+' = 6),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(sent_at)
ORDER BY (conversation_id, seq, milestone);

-- The latest badge per (conversation, member), by version: no partition key, so every version
-- of a pair meets in the same merges.
CREATE TABLE IF NOT EXISTS unread_badges
(
    conversation_id String,
    user_id String,
    is_member UInt8,
    unread UInt64,
    read_seq UInt64,
    known_messages UInt64,
    updated_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (conversation_id, user_id);
