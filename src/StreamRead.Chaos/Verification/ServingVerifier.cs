using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StreamRead.Redis.Serving;

namespace StreamRead.Chaos;

/// <summary>
/// Compares the serving state with the <see cref="Oracle"/>: every conversation's version (records
/// applied: below is lost, above is doubled), every known seq's receipt and every gap, readers of
/// sampled messages (both states, paged), every user's badges, all through the reader the API
/// answers from; and a sample of the same questions over HTTP through the API itself.
/// </summary>
internal static class ServingVerifier
{
    private const int Parallelism = 32;

    public static async Task VerifyAsync(ChaosPipeline pipeline, Oracle oracle, Findings findings, Random random, CancellationToken cancellationToken)
    {
        var versions = await pipeline.VersionsAsync(oracle.Conversations.Keys);
        foreach (var (id, state) in oracle.Conversations)
        {
            var actual = versions[id];
            if (actual < state.Version)
            {
                findings.AddLost(state.Version - actual, $"{id}: Redis holds version {actual}, the oracle {state.Version}: {state.Version - actual} record(s) lost");
            }
            else if (actual > state.Version)
            {
                findings.AddDoubled(actual - state.Version, $"{id}: Redis holds version {actual}, the oracle {state.Version}: {actual - state.Version} record(s) applied twice");
            }
        }

        var reader = pipeline.Reader;
        await ForEachAsync(oracle.Conversations.SelectMany(c => Enumerable.Range(1, (int)c.Value.LastSeq).Select(s => (c.Key, c.Value, Seq: (long)s))), async item =>
        {
            var (id, state, seq) = item;
            var receipt = await reader.GetReceiptAsync(id, seq, cancellationToken);
            var expected = state.GetReceipt(seq);
            if (expected is { } counts)
            {
                if (!receipt.Found || (receipt.Value!.Read, receipt.Value.Eligible) != (counts.Read, counts.Eligible))
                {
                    findings.AddWrong($"{id}#{seq}: receipt {(receipt.Found ? $"{receipt.Value!.Read}/{receipt.Value.Eligible}" : receipt.NotFoundReason)}, expected {counts.Read}/{counts.Eligible} (read/eligible)");
                }
            }
            else if (receipt.Found)
            {
                findings.AddWrong($"{id}#{seq} is a gap but Redis answers a receipt");
            }
        });

        var sampled = oracle.Conversations.Where(c => c.Value.KnownMessageCount > 0)
            .SelectMany(c => Enumerable.Range(0, 2).Select(_ => (c.Key, Seq: KnownSeq(oracle, c.Key, random))))
            .Distinct()
            .ToList();
        await ForEachAsync(sampled.SelectMany(s => new[] { (s.Key, s.Seq, Read: true), (s.Key, s.Seq, Read: false) }), async item =>
        {
            var actual = await AllReadersAsync(reader, item.Key, item.Seq, item.Read ? ReaderState.Read : ReaderState.Unread, limit: 25, cancellationToken);
            var expected = oracle.Readers(item.Key, item.Seq, item.Read);
            if (!actual.OrderBy(u => u.User, StringComparer.Ordinal).SequenceEqual(expected))
            {
                findings.AddWrong($"{item.Key}#{item.Seq} {(item.Read ? "readers" : "non-readers")}: {actual.Count} users, expected {expected.Count}");
            }
        });

        var badges = oracle.Badges();
        await ForEachAsync(badges, async pair =>
        {
            var unread = await reader.GetUnreadAsync(pair.Key, cancellationToken);
            var actual = unread.Found ? unread.Value!.Conversations.Select(c => (c.ConversationId, c.Unread, c.ReadSeq, c.LastSeq)).ToList() : null;
            if (actual is null || !actual.SequenceEqual(pair.Value) || unread.Value!.Total != pair.Value.Sum(c => c.Unread))
            {
                findings.AddWrong($"user {pair.Key}: badges {(actual is null ? unread.NotFoundReason : $"in {actual.Count} conversations, total {unread.Value!.Total}")}, expected {pair.Value.Count} conversations, total {pair.Value.Sum(c => c.Unread)}");
            }
        });

        await VerifyApiAsync(pipeline, oracle, badges, sampled, findings, random, cancellationToken);
    }

    /// <summary>The same questions over HTTP, sampled: the API must answer what the reader answers.</summary>
    private static async Task VerifyApiAsync(
        ChaosPipeline pipeline, Oracle oracle, Dictionary<string, List<(string Conversation, long Unread, long ReadSeq, long LastSeq)>> badges,
        List<(string Key, long Seq)> sampled, Findings findings, Random random, CancellationToken cancellationToken)
    {
        var api = pipeline.Api;
        var receipts = oracle.Conversations.Where(c => c.Value.KnownMessageCount > 0)
            .Select(c => (c.Key, c.Value, Seq: KnownSeq(oracle, c.Key, random)))
            .ToList();
        await ForEachAsync(receipts, async item =>
        {
            var counts = item.Value.GetReceipt(item.Seq)!.Value;
            var body = await GetAsync(api, $"/v1/conversations/{Uri.EscapeDataString(item.Key)}/messages/{item.Seq}/receipt", cancellationToken);
            if (body is not { } json || json.GetProperty("read").GetInt64() != counts.Read || json.GetProperty("unread").GetInt64() != counts.Unread
                || json.GetProperty("eligible").GetInt64() != counts.Eligible)
            {
                findings.AddWrong($"API receipt {item.Key}#{item.Seq}: {body?.GetRawText() ?? "not 200"}, expected {counts.Read}/{counts.Eligible}");
            }
        });

        await ForEachAsync(badges.Where((_, i) => i % 3 == 0), async pair =>
        {
            var body = await GetAsync(api, $"/v1/users/{Uri.EscapeDataString(pair.Key)}/unread", cancellationToken);
            var actual = body?.GetProperty("conversations").EnumerateArray()
                .Select(c => (c.GetProperty("conversationId").GetString()!, c.GetProperty("unread").GetInt64(), c.GetProperty("readSeq").GetInt64(), c.GetProperty("lastSeq").GetInt64()))
                .ToList();
            if (actual is null || !actual.SequenceEqual(pair.Value))
            {
                findings.AddWrong($"API unread of {pair.Key}: {body?.GetRawText() ?? "not 200"}");
            }
        });

        await ForEachAsync(sampled.Where((_, i) => i % 4 == 0), async item =>
        {
            var users = new List<(string, long)>();
            string? cursor = null;
            do
            {
                var body = await GetAsync(api, $"/v1/conversations/{Uri.EscapeDataString(item.Key)}/messages/{item.Seq}/readers?state=read&limit=50"
                    + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), cancellationToken);
                if (body is not { } json)
                {
                    findings.AddWrong($"API readers of {item.Key}#{item.Seq}: not 200");
                    return;
                }

                users.AddRange(json.GetProperty("users").EnumerateArray().Select(u => (u.GetProperty("userId").GetString()!, u.GetProperty("readSeq").GetInt64())));
                cursor = json.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : json.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);

            if (!users.OrderBy(u => u.Item1, StringComparer.Ordinal).SequenceEqual(oracle.Readers(item.Key, item.Seq, read: true)))
            {
                findings.AddWrong($"API readers of {item.Key}#{item.Seq}: {users.Count} users, expected {oracle.Readers(item.Key, item.Seq, read: true).Count}");
            }
        });
    }

    public static async Task<List<(string User, long ReadSeq)>> AllReadersAsync(
        IReadStateReader reader, string conversation, long seq, ReaderState state, int limit, CancellationToken cancellationToken)
    {
        var users = new List<(string, long)>();
        string? cursor = null;
        for (var page = 0; page < 100_000; page++)
        {
            var result = await reader.GetReadersAsync(conversation, seq, state, limit, cursor, cancellationToken);
            if (!result.Found)
            {
                return users;
            }

            users.AddRange(result.Value!.Users.Select(u => (u.UserId, u.ReadSeq)));
            cursor = result.Value.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        return users;
    }

    public static long KnownSeq(Oracle oracle, string conversation, Random random)
    {
        var state = oracle.Conversations[conversation];
        while (true)
        {
            var seq = random.NextInt64(1, state.LastSeq + 1);
            if (state.IsKnownMessage(seq))
            {
                return seq;
            }
        }
    }

    public static async Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> check)
    {
        using var gate = new SemaphoreSlim(Parallelism);
        var running = new List<Task>();
        foreach (var item in items)
        {
            await gate.WaitAsync();
            running.Add(Run(item));
        }

        await Task.WhenAll(running);

        async Task Run(T item)
        {
            try
            {
                await check(item);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private static async Task<JsonElement?> GetAsync(HttpClient api, string path, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync(path, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken) : null;
    }
}
