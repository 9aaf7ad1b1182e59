using System.Globalization;
using StackExchange.Redis;
using StreamRead.Redis.Scripts;

namespace StreamRead.Redis.Serving;

/// <summary>Answers the SPEC 4 queries from the Redis serving layout (README, "Redis key layout").</summary>
public sealed class RedisReadStateReader : IReadStateReader
{
    private static readonly ScriptRunner ReceiptScript = new(RedisScripts.Instance.Receipt);
    private static readonly ScriptRunner ReadersScript = new(RedisScripts.Instance.Readers);

    private readonly IDatabase _database;
    private readonly RedisKeys _keys;
    private readonly int _maxScan;

    public RedisReadStateReader(IConnectionMultiplexer connection, RedisOptions options)
    {
        _database = connection.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        _maxScan = options.MaxScanPerPage;
    }

    public async Task<Lookup<ReceiptView>> GetReceiptAsync(string conversationId, long seq, CancellationToken cancellationToken)
    {
        var c = conversationId;
        var result = (RedisResult[])(await ReceiptScript.RunAsync(
            _database,
            [_keys.Meta(c), _keys.Messages(c), _keys.Counts(c), _keys.Eligibility(c), _keys.ReadBounds(c)],
            [seq]).ConfigureAwait(false))!;
        var status = (long)result[0];
        if (status < 0)
        {
            return Lookup<ReceiptView>.NotFound(NotFoundReason(status, conversationId, seq));
        }

        var read = status;
        var eligible = (long)result[1];
        return Lookup<ReceiptView>.Of(new ReceiptView(conversationId, seq, read, eligible - read, eligible));
    }

    public async Task<Lookup<ReadersPage>> GetReadersAsync(
        string conversationId, long seq, ReaderState state, int limit, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = default(ReadersCursor);
        if (cursor is not null && !ReadersCursor.TryDecode(cursor, out after))
        {
            throw new ArgumentException("the cursor is not one this API issued: pass nextCursor from the previous page verbatim", nameof(cursor));
        }

        var c = conversationId;
        var result = (RedisResult[])(await ReadersScript.RunAsync(
            _database,
            [_keys.Meta(c), _keys.Messages(c), _keys.Watermarks(c), _keys.Eligibility(c)],
            [seq, state == ReaderState.Read ? "read" : "unread", limit, after.Score ?? string.Empty, after.UserId ?? string.Empty, Math.Max(_maxScan, limit)])
            .ConfigureAwait(false))!;
        var status = (long)result[0];
        if (status < 0)
        {
            return Lookup<ReadersPage>.NotFound(NotFoundReason(status, conversationId, seq));
        }

        var users = new List<ReaderEntry>((result.Length - 3) / 2);
        for (var i = 3; i + 1 < result.Length; i += 2)
        {
            users.Add(new ReaderEntry((string)result[i]!, ParseSeq((string)result[i + 1]!)));
        }

        var nextScore = (string?)result[1];
        var next = string.IsNullOrEmpty(nextScore) ? null : new ReadersCursor(nextScore, (string)result[2]!).Encode();
        return Lookup<ReadersPage>.Of(new ReadersPage(users, next));
    }

    public async Task<Lookup<UserUnread>> GetUnreadAsync(string userId, CancellationToken cancellationToken)
    {
        var entries = await _database.HashGetAllAsync(_keys.User(userId)).ConfigureAwait(false);
        if (entries.Length == 0)
        {
            return Lookup<UserUnread>.NotFound($"user '{userId}' is unknown");
        }

        // One round trip for all conversations: per conversation an O(log n) count of the known
        // messages after the user's own position (or eligibility point), and the last seq.
        var memberships = new List<(string Conversation, long ReadSeq, Task<long> Unread, Task<RedisValue> LastSeq)>();
        var batch = _database.CreateBatch();
        foreach (var entry in entries)
        {
            if (!TryParseMembership(entry.Value, out var readSeq, out var afterSeq))
            {
                continue;
            }

            var conversation = (string)entry.Name!;
            var from = Math.Max(readSeq, afterSeq);
            memberships.Add((conversation, readSeq,
                batch.SortedSetLengthAsync(_keys.Seqs(conversation), from, double.PositiveInfinity, Exclude.Start),
                batch.HashGetAsync(_keys.Meta(conversation), "lastSeq")));
        }

        batch.Execute();
        var conversations = new List<ConversationUnread>(memberships.Count);
        foreach (var m in memberships)
        {
            var lastSeq = await m.LastSeq.ConfigureAwait(false);
            conversations.Add(new ConversationUnread(m.Conversation, await m.Unread.ConfigureAwait(false), m.ReadSeq,
                lastSeq.IsNull ? 0 : ParseSeq(lastSeq!)));
        }

        conversations.Sort((a, b) => string.CompareOrdinal(a.ConversationId, b.ConversationId));
        return Lookup<UserUnread>.Of(new UserUnread(userId, conversations.Sum(c => c.Unread), conversations));
    }

    /// <summary>Parses "version:ownReadSeq:afterSeq"; "version:left" and the "_" marker are not memberships.</summary>
    internal static bool TryParseMembership(RedisValue value, out long readSeq, out long afterSeq)
    {
        readSeq = afterSeq = 0;
        var parts = ((string?)value ?? string.Empty).Split(':');
        return parts.Length == 3
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out readSeq)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq);
    }

    private static long ParseSeq(string text) => long.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string NotFoundReason(long status, string conversationId, long seq) => status == -1
        ? $"conversation '{conversationId}' is unknown"
        : $"seq {seq} is not a known message of conversation '{conversationId}'";
}
