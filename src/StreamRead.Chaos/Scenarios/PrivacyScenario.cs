using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using StreamRead.Analytics.Queries;
using StreamRead.Contracts.Json;

namespace StreamRead.Chaos;

/// <summary>
/// Private readers (users who only ever read with <c>private: true</c>) looked for in every output
/// (SPEC 2.6, 2.8): their public watermark must be 0 in <c>streamread.receipts</c> (watermarks and
/// members), in Redis (who-read and read-bound sets), in the API's reader lists and counts, and in
/// other users' and conversations' SSE streams; only their own badge (their own streams, the badge
/// entries) carries their position. No dashboard query has a per-user column.
/// </summary>
internal static class PrivacyScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var records = context.Workload("p-", Math.Max(100, o.Events / 10), seedOffset: 7);
        var oracle = Oracle.From(records, ScenarioContext.Model);
        var privateReaders = oracle.Users.Where(WorkloadGenerator.IsPrivateReader).Order(StringComparer.Ordinal).ToList();
        var findings = context.Findings;
        await using var pipeline = await ChaosPipeline.StartAsync(context.Environment, "privacy", o.Partitions, context.CancellationToken);
        pipeline.StartProcessor();

        // Streams open while the records flow: conversations (receipts), ordinary users, private readers.
        var watched = oracle.Conversations.Keys.Take(10).ToList();
        var ordinary = oracle.Users.Where(u => !WorkloadGenerator.IsPrivateReader(u)).Take(5).ToList();
        var streams = new List<ServerSentEvents>
        {
            ServerSentEvents.Open(pipeline.Api, string.Join('&', watched.Select(c => "conversationId=" + Uri.EscapeDataString(c)))),
        };
        streams.AddRange(ordinary.Select(u => ServerSentEvents.Open(pipeline.Api, "userId=" + Uri.EscapeDataString(u) + "&conversationId=" + Uri.EscapeDataString(watched[0]))));
        var own = privateReaders.Take(3).Select(u => (User: u, Stream: ServerSentEvents.Open(pipeline.Api, "userId=" + Uri.EscapeDataString(u)))).ToList();
        await Task.Delay(1_000, context.CancellationToken);
        pipeline.Produce(records);
        await context.VerifyAsync(pipeline, oracle, analytics: true);
        await Task.Delay(2_000, context.CancellationToken); // the push consumer reads the receipts independently

        var scanned = 0L;
        var isPrivate = privateReaders.ToHashSet(StringComparer.Ordinal);

        // 1. streamread.receipts: every record, every watermark and member entry.
        foreach (var update in ReadReceipts(pipeline))
        {
            scanned++;
            foreach (var w in update.Watermarks.Where(w => isPrivate.Contains(w.UserId) && w.ReadSeq > 0))
            {
                findings.AddWrong($"receipts: {update.ConversationId} v{update.Version} publishes watermark {w.ReadSeq} of private reader {w.UserId}");
            }

            foreach (var m in update.Members.Where(m => isPrivate.Contains(m.UserId) && m.ReadSeq > 0))
            {
                findings.AddWrong($"receipts: {update.ConversationId} v{update.Version} publishes read position {m.ReadSeq} of private reader {m.UserId}");
            }
        }

        // 2. Redis: the who-read set and the read bounds of every conversation.
        var database = pipeline.Redis.GetDatabase();
        foreach (var (id, state) in oracle.Conversations)
        {
            foreach (var member in state.Members.Where(m => m.IsMember && isPrivate.Contains(m.UserId)))
            {
                scanned++;
                var watermark = await database.SortedSetScoreAsync(pipeline.Keys.Watermarks(id), member.UserId);
                var bound = await database.SortedSetScoreAsync(pipeline.Keys.ReadBounds(id), member.UserId);
                if (watermark is not (null or 0) || (bound is { } b && b > member.AfterSeq))
                {
                    findings.AddWrong($"Redis: {id} holds watermark {watermark} / read bound {bound} for private reader {member.UserId} (eligible after {member.AfterSeq})");
                }
            }
        }

        // 3. The API: readers of the newest messages of every conversation.
        await ServingVerifier.ForEachAsync(oracle.Conversations.Where(c => c.Value.LastSeq > 0), async pair =>
        {
            for (var seq = pair.Value.LastSeq; seq > Math.Max(0, pair.Value.LastSeq - 3); seq--)
            {
                if (!pair.Value.IsKnownMessage(seq))
                {
                    continue;
                }

                foreach (var state in new[] { "read", "unread" })
                {
                    using var response = await pipeline.Api.GetAsync(
                        $"/v1/conversations/{Uri.EscapeDataString(pair.Key)}/messages/{seq}/readers?state={state}&limit=1000", context.CancellationToken);
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(context.CancellationToken);
                    Interlocked.Increment(ref scanned);
                    foreach (var user in body.GetProperty("users").EnumerateArray())
                    {
                        var name = user.GetProperty("userId").GetString()!;
                        if (isPrivate.Contains(name) && (state == "read" || user.GetProperty("readSeq").GetInt64() > 0))
                        {
                            findings.AddWrong($"API: {pair.Key}#{seq} {state} lists private reader {name} with readSeq {user.GetProperty("readSeq").GetInt64()}");
                        }
                    }
                }
            }
        });

        // 4. SSE: nobody else's stream carries a private reader's badge; their own streams do.
        foreach (var stream in streams)
        {
            foreach (var (name, data) in stream.Events.Where(e => e.Event == "badge"))
            {
                scanned++;
                if (isPrivate.Contains(data.GetProperty("userId").GetString()!))
                {
                    findings.AddWrong($"SSE: the stream '{stream.Query[..Math.Min(60, stream.Query.Length)]}' got the badge of private reader {data.GetProperty("userId").GetString()}");
                }
            }
        }

        foreach (var (user, stream) in own)
        {
            if (oracle.Badges().GetValueOrDefault(user) is { Count: > 0 } && !stream.Events.Any(e => e.Event == "badge" && e.Data.GetProperty("userId").GetString() == user))
            {
                findings.AddProblem($"SSE: private reader {user}'s own stream got none of their badges (the scan would be vacuous)");
            }
        }

        foreach (var stream in streams.Concat(own.Select(s => s.Stream)))
        {
            await stream.DisposeAsync();
        }

        // 5. Analytics: no dashboard query answers per user, and no answer names a private reader.
        foreach (var query in AnalyticsQueries.All)
        {
            scanned++;
            if (query.Columns.Any(c => c is "user" or "user_id" or "userId" or "reader" or "reader_id"))
            {
                findings.AddWrong($"analytics: query {query.Id} has a per-user column ({string.Join(", ", query.Columns)})");
            }

            var text = await pipeline.Api.GetStringAsync($"/analytics/api/queries/{query.Id}?from=2026-11-21T00:00:00Z&to=2026-11-24T00:00:00Z", context.CancellationToken);
            foreach (var user in privateReaders.Where(u => text.Contains($"\"{u}\"", StringComparison.Ordinal)))
            {
                findings.AddWrong($"analytics: query {query.Id} names private reader {user}");
            }
        }

        context.Events = scanned;
        context.Faults = $"{privateReaders.Count} private readers, {records.Count} records";
        if (privateReaders.Count == 0)
        {
            findings.AddProblem("the workload has no private reader: the scan would be vacuous");
        }
    }

    private static List<Contracts.Receipts.ReceiptUpdate> ReadReceipts(ChaosPipeline pipeline)
    {
        var config = pipeline.Configs.CreateConsumerConfig(pipeline.Topics.Prefix + "receipts-scan");
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var partitions = Enumerable.Range(0, pipeline.Partitions).Select(p => new TopicPartition(pipeline.Topics.Receipts, p)).ToList();
        var ends = partitions.ToDictionary(tp => tp, tp => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)));
        var pending = ends.Where(e => e.Value.High.Value > 0).Select(e => e.Key).ToHashSet();
        if (ends.Values.Any(w => w.Low.Value > 0))
        {
            throw new InvalidOperationException("the dev broker dropped receipts (5 MiB per partition): the scan would miss them; use more partitions");
        }

        consumer.Assign(partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var updates = new List<Contracts.Receipts.ReceiptUpdate>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromSeconds(1)) is not { } record)
            {
                continue;
            }

            if (!record.IsPartitionEOF)
            {
                updates.Add(ContractsSerializer.DeserializeReceiptUpdate(record.Message.Value));
            }

            if (record.Offset.Value + (record.IsPartitionEOF ? 0 : 1) >= ends[record.TopicPartition].High.Value)
            {
                pending.Remove(record.TopicPartition);
            }
        }

        return updates;
    }
}
