using System.Globalization;
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

    private void Queue(IBatch pipeline, ReceiptUpdate u, List<Task<RedisResult>> results)
    {
        var c = u.ConversationId;
        var version = Number(u.Version);
        var args = new List<RedisValue>(8 + (u.Messages.Count * 2) + u.Evicted.Count + (u.Counts.Count * 3) + (u.Members.Count * 4) + (u.Watermarks.Count * 2))
        {
            version,
            u.Kind == ConversationKind.Direct ? "direct" : "group",
            Number(u.LastSeq),
            Number(u.MessageCount),
            Number(u.HotWindowFrom),
            u.Messages.Count,
        };
        foreach (var m in u.Messages)
        {
            args.Add(Number(m.Seq));
            args.Add(m.SenderId);
        }

        args.Add(u.Evicted.Count);
        args.AddRange(u.Evicted.Select(s => (RedisValue)Number(s)));
        args.Add(u.Counts.Count);
        foreach (var count in u.Counts)
        {
            args.Add(Number(count.Seq));
            args.Add(Number(count.Read));
            args.Add(Number(count.Eligible));
        }

        args.Add(u.Members.Count);
        foreach (var m in u.Members)
        {
            args.Add(m.UserId);
            args.Add(m.Member ? "1" : "0");
            args.Add(Number(m.AfterSeq ?? 0));
            args.Add(Number(m.ReadSeq ?? 0));
        }

        args.Add(u.Watermarks.Count);
        foreach (var w in u.Watermarks)
        {
            args.Add(w.UserId);
            args.Add(Number(w.ReadSeq));
        }

        results.Add(ApplyConversation.Queue(pipeline,
            [_keys.Meta(c), _keys.Messages(c), _keys.Seqs(c), _keys.Counts(c), _keys.Watermarks(c), _keys.Eligibility(c), _keys.ReadBounds(c)],
            [.. args]));

        // Each changed member's own position and eligibility, on the user's key (another slot).
        var members = u.Members.ToDictionary(m => m.UserId, StringComparer.Ordinal);
        foreach (var badge in u.Badges)
        {
            var member = members.GetValueOrDefault(badge.UserId);
            var isMember = member?.Member ?? true;
            results.Add(ApplyBadge.Queue(pipeline, [_keys.User(badge.UserId)],
                [c, version, isMember ? "1" : "0", Number(badge.ReadSeq), member?.AfterSeq is { } after ? Number(after) : string.Empty]));
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
