using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamRead.Analytics.Queries;

namespace StreamRead.Analytics.Report;

/// <summary>
/// Formats query results as the terminal tables of <c>streamread report</c>: one table per query,
/// durations in readable units (<c>*_ms</c> columns), read-through as percentages.
/// </summary>
public static class AnalyticsReport
{
    /// <summary>Writes the report of <paramref name="tables"/> (run for one range on <paramref name="database"/>).</summary>
    public static void Write(TextWriter output, IReadOnlyList<AnalyticsTable> tables, TimeRange range, string database)
    {
        output.WriteLine($"StreamRead read analytics, {Time(range.From)} to {Time(range.To)} UTC (ClickHouse database {database})");
        foreach (var table in tables)
        {
            output.WriteLine();
            output.WriteLine(table.Query.Title + (table.Query.UsesRange ? "" : " (now)"));
            output.WriteLine("  " + table.Query.Description);
            WriteTable(output, table);
        }
    }

    /// <summary>One table: a header, a rule, one line per row; "(no data)" when empty.</summary>
    public static void WriteTable(TextWriter output, AnalyticsTable table)
    {
        var columns = table.Query.Columns;
        if (table.Rows.Count == 0)
        {
            output.WriteLine("  (no data)");
            return;
        }

        var cells = table.Rows.Select(row => columns.Select((column, i) => Format(column, row[i])).ToArray()).ToArray();
        var widths = columns.Select((column, i) => Math.Max(column.Length, cells.Max(r => r[i].Length))).ToArray();
        var numeric = columns.Select((_, i) => table.Rows.All(r => r[i].ValueKind is JsonValueKind.Number or JsonValueKind.Null)).ToArray();
        output.WriteLine(Line(columns.ToArray(), widths, numeric));
        output.WriteLine(Line(widths.Select(w => new string('-', w)).ToArray(), widths, numeric));
        foreach (var row in cells)
        {
            output.WriteLine(Line(row, widths, numeric));
        }
    }

    /// <summary>A cell as the report shows it.</summary>
    public static string Format(string column, JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return "-";
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            var text = value.GetString() ?? "";
            // "YYYY-MM-DD hh:mm:ss": seconds are always 0 in a time bucket.
            return column == "time" && text.EndsWith(":00", StringComparison.Ordinal) && text.Length == 19 ? text[..16] : text;
        }

        var number = value.GetDouble();
        if (column.EndsWith("_ms", StringComparison.Ordinal))
        {
            return Duration(number);
        }

        if (column.StartsWith("read_through_", StringComparison.Ordinal))
        {
            return (number * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        }

        return number.ToString("#,0.##", CultureInfo.InvariantCulture);
    }

    private static string Duration(double ms) => ms switch
    {
        < 1_000 => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
        < 60_000 => (ms / 1_000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 3_600_000 => (ms / 60_000).ToString("0.0", CultureInfo.InvariantCulture) + " min",
        < 86_400_000 => (ms / 3_600_000).ToString("0.0", CultureInfo.InvariantCulture) + " h",
        _ => (ms / 86_400_000).ToString("0.0", CultureInfo.InvariantCulture) + " d",
    };

    private static string Line(string[] cells, int[] widths, bool[] rightAligned)
    {
        var line = new StringBuilder("  ");
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(i == 0 ? "" : "  ").Append(rightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        return line.ToString().TrimEnd();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
