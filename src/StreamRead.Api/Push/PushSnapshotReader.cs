using System.Globalization;
using StackExchange.Redis;
using StreamRead.Redis;
using StreamRead.Redis.Serving;

namespace StreamRead.Api.Push;

/// <summary>
/// Reads what a new stream gets first from the Redis serving layout (README, "Redis key layout"):
/// the latest messages' receipts of a conversation, and a user's badges with what the hub needs to
/// keep them current. Each lookup is O(log n); one round trip per kind of lookup.
/// </summary>
internal sealed class PushSnapshotReader(IConnectionMultiplexer connection, RedisOptions options, IReadStateReader reader) : IPushSnapshotSource
{
    private readonly RedisKeys _keys = new(options.KeyPrefix);

    /// <summary>The receipts of the conversation's latest <paramref name="messages"/> messages, oldest first, and the version read first.</summary>
    public async Task<(long Version, List<ReceiptEvent> Receipts)> LoadConversationAsync(string conversationId, int messages, CancellationToken cancellationToken)
    {
        var database = connection.GetDatabase();
        // The version is read before the counts: labelling newer counts with an older version only
        // lets later live events through, which converge on the same values.
        var version = await database.HashGetAsync(_keys.Meta(conversationId), "version");
        if (version.IsNull || messages == 0)
        {
            return (0, []);
        }

        var seqs = await database.SortedSetRangeByRankAsync(_keys.Seqs(conversationId), 0, messages - 1, Order.Descending);
        var lookups = seqs.Select(s => reader.GetReceiptAsync(conversationId, ParseLong(s), cancellationToken)).ToList();
        var v = ParseLong(version);
        var receipts = new List<ReceiptEvent>(lookups.Count);
        foreach (var lookup in Enumerable.Reverse(lookups))
        {
            if ((await lookup).Value is { } r)
            {
                receipts.Add(new ReceiptEvent(r.ConversationId, r.Seq, r.Read, r.Unread, r.Eligible, v));
            }
        }

        return (v, receipts);
    }

    /// <summary>The user's badge in every conversation they are a member of (empty for an unknown user).</summary>
    public async Task<Dictionary<string, ConversationBadge>> LoadUserAsync(string userId, CancellationToken cancellationToken)
    {
        var database = connection.GetDatabase();
        var entries = await database.HashGetAllAsync(_keys.User(userId));
        var lookups = new List<(string Conversation, long ReadSeq, long AfterSeq, Task<long> Unread, Task<RedisValue[]> Meta)>();
        var batch = database.CreateBatch();
        foreach (var entry in entries)
        {
            // "version:readSeq:afterSeq" for a member; "version:left" and the "_" marker are not memberships.
            var parts = ((string?)entry.Value ?? string.Empty).Split(':');
            if (parts.Length != 3 || !TryParseLong(parts[1], out var readSeq) || !TryParseLong(parts[2], out var afterSeq))
            {
                continue;
            }

            var conversation = (string)entry.Name!;
            lookups.Add((conversation, readSeq, afterSeq,
                batch.SortedSetLengthAsync(_keys.Seqs(conversation), Math.Max(readSeq, afterSeq), double.PositiveInfinity, Exclude.Start),
                batch.HashGetAsync(_keys.Meta(conversation), ["version", "lastSeq", "messageCount"])));
        }

        batch.Execute();
        var badges = new Dictionary<string, ConversationBadge>(lookups.Count, StringComparer.Ordinal);
        foreach (var l in lookups)
        {
            var meta = await l.Meta;
            var unread = await l.Unread;
            badges[l.Conversation] = ConversationBadge.FromStore(
                OrZero(meta[0]), l.ReadSeq, l.AfterSeq, unread, OrZero(meta[1]), OrZero(meta[2]));
        }

        return badges;
    }

    private static long OrZero(RedisValue value) => value.IsNull ? 0 : ParseLong(value);

    /// <summary>Seqs are stored as decimal strings; sorted-set members and scores may come back as doubles.</summary>
    private static long ParseLong(RedisValue value)
    {
        var text = (string)value!;
        return TryParseLong(text, out var exact) ? exact : (long)double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static bool TryParseLong(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
