using System.Buffers.Text;
using StackExchange.Redis;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using StreamRead.Redis.Scripts;
using StreamRead.Runtime.Sinks;

namespace StreamRead.Redis.Sink;

/// <summary>
/// Writes <c>streamread.receipts</c> updates into the serving layout (README, "Redis key
/// layout"): one script per conversation update and one per changed user, pipelined, each
/// skipping what is not newer than the stored version, so re-delivered batches change nothing.
/// With a <see cref="ServingStoreGuard"/>, each batch first checks that the store still holds its
/// data and asks for a rebuild when it does not.
/// </summary>
public sealed class RedisReceiptWriter : IBatchWriter<ReceiptUpdate>
{
    private static readonly ScriptRunner ApplyConversation = new(RedisScripts.Instance.ApplyConversation);
    private static readonly ScriptRunner ApplyBadge = new(RedisScripts.Instance.ApplyBadge);

    private readonly IConnectionMultiplexer _connection;
    private readonly RedisKeys _keys;
    private readonly ServingStoreGuard? _guard;

    /// <param name="connection">The serving store.</param>
    /// <param name="options">Its key prefix.</param>
    /// <param name="guard">Checks before each batch that the store did not lose its data; null for none.</param>
    public RedisReceiptWriter(IConnectionMultiplexer connection, RedisOptions options, ServingStoreGuard? guard = null)
    {
        _connection = connection;
        _keys = new RedisKeys(options.KeyPrefix);
        _guard = guard;
    }

    public async Task WriteAsync(IReadOnlyList<ReceiptUpdate> batch, CancellationToken cancellationToken)
    {
        var database = _connection.GetDatabase();
        for (var attempt = 1; ; attempt++)
        {
            if (_guard is not null)
            {
                await _guard.EnsureIntactAsync(cancellationToken).ConfigureAwait(false);
            }

            var pipeline = database.CreateBatch();
            var results = new List<Task<RedisResult>>(batch.Count * 2);
            foreach (var update in batch)
            {
                Queue(pipeline, update, results);
            }

            pipeline.Execute();
            try
            {
                await Task.WhenAll(results).ConfigureAwait(false);
                return;
            }
            catch (RedisServerException e) when (ScriptRunner.IsNoScript(e) && attempt == 1)
            {
                // The server lost its script cache (restarted): load and write the batch again,
                // which the version checks make harmless for the updates that did apply.
                await ApplyConversation.LoadAsync(database).ConfigureAwait(false);
                await ApplyBadge.LoadAsync(database).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A count's stored value, <c>read:eligible</c> (README, "Redis key layout"), as UTF-8 bytes.</summary>
    private static RedisValue CountValue(long read, long eligible)
    {
        Span<byte> buffer = stackalloc byte[41];
        Utf8Formatter.TryFormat(read, buffer, out var length);
        buffer[length++] = (byte)':';
        Utf8Formatter.TryFormat(eligible, buffer[length..], out var written);
        return buffer[..(length + written)].ToArray();
    }

    private void Queue(IBatch pipeline, ReceiptUpdate u, List<Task<RedisResult>> results)
    {
        var c = u.ConversationId;
        // Numbers go as RedisValue integers: the same decimal bytes on the wire, no string each.
        var args = new RedisValue[6 + (u.Messages.Count * 2) + 1 + u.Evicted.Count + 1 + (u.Counts.Count * 2) + 1 + (u.Members.Count * 4) + 1 + (u.Watermarks.Count * 2)];
        var i = 0;
        args[i++] = u.Version;
        args[i++] = u.Kind == ConversationKind.Direct ? "direct" : "group";
        args[i++] = u.LastSeq;
        args[i++] = u.MessageCount;
        args[i++] = u.HotWindowFrom;
        args[i++] = u.Messages.Count;
        foreach (var m in u.Messages)
        {
            args[i++] = m.Seq;
            args[i++] = m.SenderId;
        }

        args[i++] = u.Evicted.Count;
        foreach (var seq in u.Evicted)
        {
            args[i++] = seq;
        }

        args[i++] = u.Counts.Count;
        foreach (var count in u.Counts)
        {
            args[i++] = count.Seq;
            args[i++] = CountValue(count.Read, count.Eligible);
        }

        args[i++] = u.Members.Count;
        foreach (var m in u.Members)
        {
            args[i++] = m.UserId;
            args[i++] = m.Member ? "1" : "0";
            args[i++] = m.AfterSeq ?? 0;
            args[i++] = m.ReadSeq ?? 0;
        }

        args[i++] = u.Watermarks.Count;
        foreach (var w in u.Watermarks)
        {
            args[i++] = w.UserId;
            args[i++] = w.ReadSeq;
        }

        results.Add(ApplyConversation.Queue(pipeline,
            [_keys.Meta(c), _keys.Messages(c), _keys.Seqs(c), _keys.Counts(c), _keys.Watermarks(c), _keys.Eligibility(c), _keys.ReadBounds(c)],
            args));

        // Each changed member's own position and eligibility, on the user's key (another slot).
        // The processor lists a member's badge at the same index as its membership entry; the
        // lookup is only for updates that do not.
        Dictionary<string, ReceiptMember>? byUser = null;
        for (var b = 0; b < u.Badges.Count; b++)
        {
            var badge = u.Badges[b];
            var member = b < u.Members.Count && u.Members[b].UserId == badge.UserId
                ? u.Members[b]
                : (byUser ??= u.Members.ToDictionary(m => m.UserId, StringComparer.Ordinal)).GetValueOrDefault(badge.UserId);
            var isMember = member?.Member ?? true;
            results.Add(ApplyBadge.Queue(pipeline, [_keys.User(badge.UserId)],
                [c, u.Version, isMember ? "1" : "0", badge.ReadSeq, member?.AfterSeq is { } after ? after : string.Empty]));
        }
    }
}
