using System.Text.Json;
using StreamRead.Analytics.Queries;
using StreamRead.ClickHouse;
using StreamRead.Contracts.Analytics;
using StreamRead.IntegrationTests.Analytics.Support;
using StreamRead.IntegrationTests.Fixtures;

using Xunit;

namespace StreamRead.IntegrationTests.Analytics;

/// <summary>
/// A known workload through the processor's mapper and the sink's writer into ClickHouse: the fact
/// tables hold exactly the facts the SPEC rules imply, every dashboard query gives the figure computed
/// from those facts, and writing everything again (a replay) changes nothing.
/// </summary>
public sealed class AnalyticsWorkloadTests(ClickHouseServerFixture clickHouse)
{
    private static readonly ReadWorkload Workload = ReadWorkload.Create(seed: 42);
    private static readonly ExpectedAnalytics Expected = ExpectedAnalytics.From(Workload);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_fact_tables_hold_one_row_per_message_advance_and_milestone_as_the_rules_imply()
    {
        var client = await AnalyticsHarness.CreateDatabaseAsync(clickHouse, Cancel);
        await AnalyticsHarness.WriteAsync(client, AnalyticsHarness.Updates(Workload, recordsPerFlush: 7), batchSize: 10, Cancel);

        Assert.Equal(
            Expected.Messages.Select(m => (m.ConversationId, m.Seq, m.SentAt.ToUnixTimeSeconds(), m.Eligible, m.GroupSize)).Order(),
            await RowsAsync(client, "SELECT conversation_id, seq, toUInt32(sent_at) AS t, eligible, group_size FROM messages_sent FINAL",
                r => (r.GetProperty("conversation_id").GetString()!, r.GetProperty("seq").GetInt64(), r.GetProperty("t").GetInt64(),
                    r.GetProperty("eligible").GetInt64(), r.GetProperty("group_size").GetInt64())));

        Assert.Equal(
            Expected.Advances.Select(a => (a.ConversationId, a.UserId, a.FromSeq, a.ToSeq, a.NewlyRead, a.Cause == ReadAdvanceCause.Send ? "send" : "read",
                a.Private, a.GroupSize, a.ReadAt.ToUnixTimeSeconds(), a.LatencyMs ?? -1,
                string.Join(' ', a.ReadThrough.Select(t => $"{t.SentHour.ToUnixTimeSeconds()}:{t.Within1h}:{t.Within24h}")))).Order(),
            await RowsAsync(client,
                """
                SELECT conversation_id, user_id, from_seq, to_seq, newly_read, cause, is_private, group_size, toUInt32(read_at) AS t,
                    if(has_latency = 1, toInt64(latency_ms), -1) AS latency,
                    arrayStringConcat(arrayMap((h, a, b) -> concat(toString(toUInt32(h)), ':', toString(a), ':', toString(b)), through_hours, through_read_1h, through_read_24h), ' ') AS through
                FROM read_advances FINAL
                """,
                r => (r.GetProperty("conversation_id").GetString()!, r.GetProperty("user_id").GetString()!, r.GetProperty("from_seq").GetInt64(),
                    r.GetProperty("to_seq").GetInt64(), r.GetProperty("newly_read").GetInt64(), r.GetProperty("cause").GetString()!,
                    r.GetProperty("is_private").GetInt32() == 1, r.GetProperty("group_size").GetInt64(), r.GetProperty("t").GetInt64(),
                    r.GetProperty("latency").GetInt64(), r.GetProperty("through").GetString()!)));

        Assert.Equal(
            Expected.Milestones.Select(m => (m.ConversationId, m.Seq, Milestone(m.Milestone), m.ReachedAt.ToUnixTimeSeconds(),
                (long)(m.ReachedAt - m.SentAt).TotalMilliseconds, m.Read, m.Eligible)).Order(),
            await RowsAsync(client, "SELECT conversation_id, seq, milestone, toUInt32(reached_at) AS t, latency_ms, read_count, eligible FROM message_milestones FINAL",
                r => (r.GetProperty("conversation_id").GetString()!, r.GetProperty("seq").GetInt64(), r.GetProperty("milestone").GetString()!,
                    r.GetProperty("t").GetInt64(), r.GetProperty("latency_ms").GetInt64(), r.GetProperty("read_count").GetInt64(), r.GetProperty("eligible").GetInt64())));

        // Never one row per (member, message): the workload has far more (reader, message) pairs than rows.
        var pairs = Workload.Conversations.Sum(c => (long)c.Messages * (c.Members.Length - 1));
        var rows = await client.QueryScalarAsync("SELECT (SELECT count() FROM read_advances) + (SELECT count() FROM message_milestones)", Cancel);
        Assert.True(rows!.Value.GetInt64() < pairs / 2, $"{rows} rows for {pairs} (reader, message) pairs");
    }

    [Fact]
    public async Task Every_dashboard_query_gives_the_figures_computed_from_the_expected_facts()
    {
        var client = await AnalyticsHarness.CreateDatabaseAsync(clickHouse, Cancel);
        await AnalyticsHarness.WriteAsync(client, AnalyticsHarness.Updates(Workload, recordsPerFlush: 7), batchSize: 10, Cancel);

        var tables = await new AnalyticsReader(client).RunAllAsync(AnalyticsQueries.All, ExpectedFigures.Range, Cancel);

        Assert.All(tables, table =>
        {
            Assert.NotEmpty(table.Rows);
            ExpectedFigures.AssertMatches(table, Expected);
        });
    }

    [Fact]
    public async Task A_replay_with_other_flushes_and_batches_counts_nothing_twice()
    {
        var client = await AnalyticsHarness.CreateDatabaseAsync(clickHouse, Cancel);
        var reader = new AnalyticsReader(client);
        await AnalyticsHarness.WriteAsync(client, AnalyticsHarness.Updates(Workload, recordsPerFlush: 7), batchSize: 10, Cancel);
        var before = await SnapshotAsync(reader);

        // A processor that crashed re-emits flushes, cut differently; a sink that crashed before its
        // offset commit writes a batch again, and one batch can hold the same update twice.
        var replay = AnalyticsHarness.Updates(Workload, recordsPerFlush: 3);
        await AnalyticsHarness.WriteAsync(client, replay, batchSize: 25, Cancel);
        await AnalyticsHarness.WriteAsync(client, [.. replay.Take(40), .. replay.Take(40)], batchSize: 80, Cancel);
        var after = await SnapshotAsync(reader);

        Assert.Equal(before, after);
        foreach (var table in new[] { "read_advances", "messages_sent", "message_milestones" })
        {
            var (rows, distinct) = await CountsAsync(client, table);
            Assert.Equal(distinct, rows); // not even a duplicate waiting for a merge
        }

        var tables = await reader.RunAllAsync(AnalyticsQueries.All, ExpectedFigures.Range, Cancel);
        Assert.All(tables, table => ExpectedFigures.AssertMatches(table, Expected));
    }

    private static async Task<List<T>> RowsAsync<T>(ClickHouseClient client, string sql, Func<JsonElement, T> map) =>
        [.. (await client.QueryAsync(sql, map, Cancel)).Order()];

    private static async Task<List<string>> SnapshotAsync(AnalyticsReader reader) =>
        [.. (await reader.RunAllAsync(AnalyticsQueries.All, ExpectedFigures.Range, Cancel))
            .Select(t => t.Query.Id + ": " + string.Join(" | ", t.Rows.Select(r => string.Join(", ", r.Select(v => v.GetRawText())))))];

    private static async Task<(long Rows, long Distinct)> CountsAsync(ClickHouseClient client, string table)
    {
        var key = table switch
        {
            "read_advances" => "conversation_id, user_id, to_seq",
            "messages_sent" => "conversation_id, seq",
            _ => "conversation_id, seq, milestone",
        };
        var row = (await client.QueryAsync($"SELECT count() AS n, uniqExact({key}) AS d FROM {table}", Cancel)).Single();
        return (row.GetProperty("n").GetInt64(), row.GetProperty("d").GetInt64());
    }

    private static string Milestone(MessageMilestone milestone) => milestone switch
    {
        MessageMilestone.FirstRead => "first_read",
        MessageMilestone.HalfRead => "half_read",
        _ => "all_read",
    };
}
