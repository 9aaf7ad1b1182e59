using System.Text.Json;
using StreamRead.Analytics.Queries;
using StreamRead.Analytics.Report;

using Xunit;

namespace StreamRead.IntegrationTests.Analytics;

/// <summary>How <c>streamread report</c> prints query results (no server needed).</summary>
public sealed class AnalyticsReportUnitTests
{
    private static readonly TimeRange Range = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("p50_ms", "850", "850 ms")]
    [InlineData("p90_ms", "12345", "12.3 s")]
    [InlineData("p99_ms", "270000", "4.5 min")]
    [InlineData("p99_ms", "7560000", "2.1 h")]
    [InlineData("read_through_1h", "0.8754", "87.5 %")]
    [InlineData("advances", "1234567", "1,234,567")]
    [InlineData("p50_ms", "null", "-")]
    [InlineData("time", "\"2026-11-22 09:05:00\"", "2026-11-22 09:05")]
    [InlineData("group_size", "\"11-100\"", "11-100")]
    public void Cells_show_durations_shares_and_missing_values_readably(string column, string json, string expected)
    {
        using var value = JsonDocument.Parse(json);

        Assert.Equal(expected, AnalyticsReport.Format(column, value.RootElement));
    }

    [Fact]
    public void A_table_has_a_header_a_rule_and_right_aligned_numbers_and_an_empty_one_says_so()
    {
        var rows = JsonDocument.Parse("""[["2026-11-22 09:05:00", 3, 850, 12345, null], ["2026-11-22 09:06:00", 12, 90, 95, 99]]""").RootElement
            .EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToArray();
        var table = new AnalyticsTable(AnalyticsQueries.ReadLatencyPerMinute, Range, rows);
        var empty = new AnalyticsTable(AnalyticsQueries.UnreadBacklog, Range, []);
        using var output = new StringWriter();

        AnalyticsReport.Write(output, [table, empty], Range, "streamread");
        var lines = output.ToString().Split(Environment.NewLine);

        Assert.Equal("StreamRead read analytics, 2026-11-22 09:00 to 2026-11-22 10:00 UTC (ClickHouse database streamread)", lines[0]);
        var header = Array.IndexOf(lines, "Read latency per minute") + 2;
        Assert.Equal(
            [
                "  time              advances  p50_ms  p90_ms  p99_ms",
                "  ----------------  --------  ------  ------  ------",
                "  2026-11-22 09:05         3  850 ms  12.3 s       -",
                "  2026-11-22 09:06        12   90 ms   95 ms   99 ms",
            ],
            lines[header..(header + 4)]);
        Assert.Contains("Unread backlog (now)", lines);
        Assert.Contains("  (no data)", lines);
    }
}
