using System.Globalization;
using StreamRead.Analytics.Queries;
using StreamRead.Analytics.Schema;
using StreamRead.Contracts.Analytics;

using Xunit;

namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>
/// Checks each dashboard query's result against the figure computed with LINQ from the expected
/// facts. Counts, sums, shares and distinct users must be equal; a t-digest percentile must lie
/// between the expected values ranked just below and just above its rank (its interpolation
/// differs from any one textbook definition, and Float32 holds large latencies to 7 digits).
/// </summary>
internal static class ExpectedFigures
{
    public static readonly TimeRange Range = new(ReadWorkload.Start.AddHours(-1), ReadWorkload.Start.AddDays(3));

    public static void AssertMatches(AnalyticsTable table, ExpectedAnalytics expected)
    {
        var advances = expected.Advances;
        switch (table.Query.Id)
        {
            case "read_latency_per_minute":
                AssertLatencies(table, "time", advances.GroupBy(a => Minute(a.ReadAt)).ToDictionary(g => Text(g.Key), g => g.ToList()));
                break;
            case "read_latency_per_hour":
                AssertLatencies(table, "time", advances.GroupBy(a => ExpectedAnalytics.TruncateToHour(a.ReadAt)).ToDictionary(g => Text(g.Key), g => g.ToList()));
                break;
            case "read_latency_by_group_size":
                AssertLatencies(table, "group_size", advances.GroupBy(a => GroupSizeBucket.Of(a.GroupSize)).ToDictionary(g => g.Key, g => g.ToList()));
                break;
            case "read_reports_per_minute":
                AssertActivity(table, advances.GroupBy(a => Minute(a.ReadAt)));
                break;
            case "read_reports_per_hour":
                AssertActivity(table, advances.GroupBy(a => ExpectedAnalytics.TruncateToHour(a.ReadAt)));
                break;
            case "read_through_per_hour":
                AssertReadThrough(table, "time", expected, m => Text(ExpectedAnalytics.TruncateToHour(m.SentAt)), (a, t) => Text(t.SentHour));
                break;
            case "read_through_by_group_size":
                AssertReadThrough(table, "group_size", expected, m => GroupSizeBucket.Of(m.GroupSize), (a, t) => GroupSizeBucket.Of(a.GroupSize));
                break;
            case "active_readers_per_day":
                var days = advances.GroupBy(a => a.ReadAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    .OrderBy(g => g.Key)
                    .Select(g => (g.Key, (double?)g.Select(a => a.UserId).Distinct().Count()))
                    .ToList();
                Assert.Equal(days, table.Texts("day").Zip(table.Numbers("active_readers")).ToList());
                break;
            case "unread_backlog":
                var buckets = expected.UnreadTotals.Values
                    .GroupBy(BacklogBucket)
                    .OrderBy(g => g.Min())
                    .Select(g => (g.Key, (double?)g.Count()))
                    .ToList();
                Assert.Equal(buckets, table.Texts("backlog").Zip(table.Numbers("users")).ToList());
                break;
            case "message_milestones":
                var kinds = expected.Milestones.GroupBy(m => m.Milestone).OrderBy(g => g.Key).ToList();
                Assert.Equal(kinds.Select(g => Milestone(g.Key)), table.Texts("milestone"));
                Assert.Equal(kinds.Select(g => (double?)g.Count()), table.Numbers("messages"));
                for (var i = 0; i < kinds.Count; i++)
                {
                    AssertPercentiles(table, i, kinds[i].Select(m => (long)(m.ReachedAt - m.SentAt).TotalMilliseconds).ToList());
                }

                break;
            default:
                Assert.Fail($"no expectation for query {table.Query.Id}");
                break;
        }
    }

    public static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static DateTimeOffset Minute(DateTimeOffset time) => ExpectedAnalytics.TruncateToHour(time).AddMinutes(time.UtcDateTime.Minute);

    private static void AssertLatencies(AnalyticsTable table, string keyColumn, Dictionary<string, List<ExpectedAdvance>> groups)
    {
        var keys = groups.Keys.Order(StringComparer.Ordinal).ToList();
        if (keyColumn == "group_size")
        {
            keys = [.. GroupSizeBucket.Labels.Where(groups.ContainsKey)];
        }

        Assert.Equal(keys, table.Texts(keyColumn));
        Assert.Equal(keys.Select(k => (double?)groups[k].Count), table.Numbers("advances"));
        for (var i = 0; i < keys.Count; i++)
        {
            AssertPercentiles(table, i, groups[keys[i]].Where(a => a.LatencyMs is not null).Select(a => a.LatencyMs!.Value).ToList());
        }
    }

    private static void AssertActivity(AnalyticsTable table, IEnumerable<IGrouping<DateTimeOffset, ExpectedAdvance>> groups)
    {
        var rows = groups.OrderBy(g => g.Key).Select(g => (
            Text(g.Key),
            (double?)g.Count(a => a.Cause == ReadAdvanceCause.Read),
            (double?)g.Count(a => a.Cause == ReadAdvanceCause.Send),
            (double?)g.Sum(a => a.NewlyRead))).ToList();
        var actual = table.Texts("time").Select((time, i) => (time, table.Numbers("read_reports")[i], table.Numbers("sends")[i], table.Numbers("messages_read")[i])).ToList();
        Assert.Equal(rows, actual);
    }

    private static void AssertReadThrough(
        AnalyticsTable table, string keyColumn, ExpectedAnalytics expected, Func<ExpectedMessage, string> messageKey, Func<ExpectedAdvance, ReadThroughCount, string> readKey)
    {
        var denominators = expected.Messages.GroupBy(messageKey).ToDictionary(g => g.Key, g => (Messages: g.Count(), Eligible: g.Sum(m => m.Eligible)));
        var numerators = expected.Advances
            .SelectMany(a => a.ReadThrough.Select(t => (Key: readKey(a, t), t.Within1h, t.Within24h)))
            .GroupBy(r => r.Key)
            .ToDictionary(g => g.Key, g => (Within1h: g.Sum(r => r.Within1h), Within24h: g.Sum(r => r.Within24h)));
        var keys = denominators.Keys.Union(numerators.Keys).ToList();
        keys = keyColumn == "group_size" ? [.. GroupSizeBucket.Labels.Where(keys.Contains)] : [.. keys.Order(StringComparer.Ordinal)];

        Assert.Equal(keys, table.Texts(keyColumn));
        for (var i = 0; i < keys.Count; i++)
        {
            var (messages, eligible) = denominators.GetValueOrDefault(keys[i]);
            var (within1h, within24h) = numerators.GetValueOrDefault(keys[i]);
            Assert.Equal(
                ((double?)messages, (double?)eligible, (double?)within1h, (double?)within24h),
                (table.Numbers("messages")[i], table.Numbers("eligible")[i], table.Numbers("read_within_1h")[i], table.Numbers("read_within_24h")[i]));
            Assert.Equal(eligible == 0 ? null : Math.Round((double)within1h / eligible, 4), table.Numbers("read_through_1h")[i]);
            Assert.Equal(eligible == 0 ? null : Math.Round((double)within24h / eligible, 4), table.Numbers("read_through_24h")[i]);
        }
    }

    private static void AssertPercentiles(AnalyticsTable table, int row, IReadOnlyList<long> values)
    {
        foreach (var (column, level) in new[] { ("p50_ms", 0.5), ("p90_ms", 0.9), ("p99_ms", 0.99) })
        {
            var actual = table.Numbers(column)[row];
            if (values.Count == 0)
            {
                Assert.Null(actual);
                continue;
            }

            var sorted = values.Order().ToArray();
            var low = sorted[Math.Clamp((int)Math.Floor(level * sorted.Length) - 2, 0, sorted.Length - 1)];
            var high = sorted[Math.Clamp((int)Math.Ceiling(level * sorted.Length) + 1, 0, sorted.Length - 1)];
            Assert.NotNull(actual);
            Assert.InRange(actual.Value, low - 1 - low * 1e-6, high + 1 + high * 1e-6);
        }
    }

    private static string BacklogBucket(long total) => total switch
    {
        0 => "0",
        < 10 => "1-9",
        < 100 => "10-99",
        < 1000 => "100-999",
        _ => "1000+",
    };

    private static string Milestone(MessageMilestone milestone) => milestone switch
    {
        MessageMilestone.FirstRead => "first_read",
        MessageMilestone.HalfRead => "half_read",
        _ => "all_read",
    };
}
