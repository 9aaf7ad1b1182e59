using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using StreamRead.ClickHouse;

namespace StreamRead.Chaos;

/// <summary>
/// Compares ClickHouse with the <see cref="Oracle"/> on what every correct run shares, whatever its
/// timing: the set of known messages; each reader's chain of own-position advances (each starts
/// where the previous ended, the first at 0, the last at the oracle's position: a lost fact breaks
/// the chain); milestones only of known messages; and no fact twice, neither as a row nor in a
/// rollup (each rollup's total equals its fact table's). Which exact advances and milestones occur
/// can depend on how the live processor interleaved the topics (an early read resolved in one or
/// two steps), so two uninterrupted runs may differ there too; those are not compared.
/// </summary>
internal static class AnalyticsVerifier
{
    /// <summary>Waits until the ClickHouse sink committed the end of every analytics partition (it wrote everything emitted so far).</summary>
    public static async Task<bool> WaitForSinkAsync(ChaosPipeline pipeline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var group = pipeline.Topics.Prefix + "sink-clickhouse";
        using var consumer = new ConsumerBuilder<byte[], byte[]>(pipeline.Configs.CreateConsumerConfig(group)).Build();
        var partitions = Enumerable.Range(0, pipeline.Partitions).Select(p => new TopicPartition(pipeline.Topics.Analytics, p)).ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var ends = partitions.Select(tp => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value).ToList();
            var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10)).Select(c => c.Offset.Value).ToList();
            if (committed.Zip(ends).All(p => p.Second == 0 || p.First >= p.Second))
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    public static async Task VerifyAsync(ChaosPipeline pipeline, Oracle oracle, Findings findings, CancellationToken cancellationToken)
    {
        var client = pipeline.ClickHouse;

        // Known messages: exactly the oracle's, each once.
        var messages = await client.QueryAsync(
            "SELECT conversation_id, seq, count() AS n FROM messages_sent GROUP BY conversation_id, seq",
            row => (Conversation: row.GetProperty("conversation_id").GetString()!, Seq: Long(row.GetProperty("seq")), Count: Long(row.GetProperty("n"))),
            cancellationToken);
        var stored = messages.ToDictionary(m => (m.Conversation, m.Seq), m => m.Count);
        var expectedMessages = oracle.Senders.Keys.ToHashSet();
        var missing = expectedMessages.Count(k => !stored.ContainsKey(k));
        if (missing > 0)
        {
            findings.AddLost(missing, $"ClickHouse misses {missing} of {expectedMessages.Count} messages (e.g. {expectedMessages.First(k => !stored.ContainsKey(k))})");
        }

        var extra = stored.Keys.Count(k => !expectedMessages.Contains(k));
        if (extra > 0)
        {
            findings.AddWrong($"ClickHouse holds {extra} messages that were never sent (e.g. {stored.Keys.First(k => !expectedMessages.Contains(k))})");
        }

        AddDuplicates(findings, "messages_sent", stored.Values);

        // Each reader's own position: a chain of advances from 0 to the oracle's position.
        var advances = await client.QueryAsync(
            "SELECT conversation_id, user_id, from_seq, to_seq, count() AS n FROM read_advances GROUP BY conversation_id, user_id, from_seq, to_seq",
            row => (Conversation: row.GetProperty("conversation_id").GetString()!, User: row.GetProperty("user_id").GetString()!,
                From: Long(row.GetProperty("from_seq")), To: Long(row.GetProperty("to_seq")), Count: Long(row.GetProperty("n"))),
            cancellationToken);
        AddDuplicates(findings, "read_advances", advances.Select(a => a.Count));
        var chains = advances.GroupBy(a => (a.Conversation, a.User)).ToDictionary(g => g.Key, g => g.OrderBy(a => a.To).ToList());
        var brokenChains = 0L;
        string? example = null;
        foreach (var (id, state) in oracle.Conversations)
        {
            foreach (var member in state.Members.Where(m => m.OwnReadPosition > 0))
            {
                var chain = chains.GetValueOrDefault((id, member.UserId)) ?? [];
                var at = 0L;
                var gaps = 0;
                foreach (var advance in chain)
                {
                    if (advance.From != at)
                    {
                        gaps++;
                    }

                    at = advance.To;
                }

                if (at != member.OwnReadPosition)
                {
                    gaps++;
                }

                if (gaps > 0)
                {
                    brokenChains += gaps;
                    example ??= $"{id}/{member.UserId}: advances [{string.Join(", ", chain.Select(a => $"{a.From}->{a.To}"))}], own position {member.OwnReadPosition}";
                }
            }
        }

        if (brokenChains > 0)
        {
            findings.AddLost(brokenChains, $"{brokenChains} read advance(s) missing from ClickHouse (e.g. {example})");
        }

        // Milestones: of known messages only, each (message, kind) once.
        var milestones = await client.QueryAsync(
            "SELECT conversation_id, seq, milestone, count() AS n FROM message_milestones GROUP BY conversation_id, seq, milestone",
            row => (Conversation: row.GetProperty("conversation_id").GetString()!, Seq: Long(row.GetProperty("seq")), Count: Long(row.GetProperty("n"))),
            cancellationToken);
        AddDuplicates(findings, "message_milestones", milestones.Select(m => m.Count));
        var unknownMilestones = milestones.Count(m => !expectedMessages.Contains((m.Conversation, m.Seq)));
        if (unknownMilestones > 0)
        {
            findings.AddWrong($"{unknownMilestones} milestone(s) of messages that were never sent");
        }

        // Rollups: a fact counted twice in a materialized view shows as a total above its table's.
        await CompareRollupAsync(client, findings, "read_activity_minute", "countMerge(advances_state)", "read_advances", cancellationToken);
        await CompareRollupAsync(client, findings, "read_activity_hour", "countMerge(advances_state)", "read_advances", cancellationToken);
        await CompareRollupAsync(client, findings, "read_through_hour", "sum(messages_total)", "messages_sent", cancellationToken);
        await CompareRollupAsync(client, findings, "milestones_hour", "countMerge(messages_state)", "message_milestones", cancellationToken);
    }

    private static void AddDuplicates(Findings findings, string table, IEnumerable<long> counts)
    {
        var duplicates = counts.Sum(n => n - 1);
        if (duplicates > 0)
        {
            findings.AddDoubled(duplicates, $"{table} holds {duplicates} duplicate row(s)");
        }
    }

    private static async Task CompareRollupAsync(ClickHouseClient client, Findings findings, string rollup, string total, string facts, CancellationToken cancellationToken)
    {
        var rolled = Long((await client.QueryScalarAsync($"SELECT {total} FROM {rollup}", cancellationToken))!.Value);
        var stored = Long((await client.QueryScalarAsync($"SELECT count() FROM {facts} FINAL", cancellationToken))!.Value);
        if (rolled > stored)
        {
            findings.AddDoubled(rolled - stored, $"rollup {rollup} counts {rolled} facts, {facts} holds {stored}: {rolled - stored} counted twice");
        }
        else if (rolled < stored)
        {
            findings.AddLost(stored - rolled, $"rollup {rollup} counts {rolled} facts, {facts} holds {stored}: {stored - rolled} missing from the rollup");
        }
    }

    /// <summary>ClickHouse writes 64-bit integers as JSON strings.</summary>
    private static long Long(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();
}
