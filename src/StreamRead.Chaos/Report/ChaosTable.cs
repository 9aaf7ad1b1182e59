using System.Globalization;

namespace StreamRead.Chaos;

/// <summary>The results of a chaos run as a plain-text table (the form docs/reliability.md quotes).</summary>
public static class ChaosTable
{
    /// <summary>One row per scenario: events, faults, lost, doubled, wrong, dead letters, time, verdict.</summary>
    public static string Format(IReadOnlyList<ChaosResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        string[] header = ["scenario", "events", "faults", "lost", "doubled", "wrong", "dead letters", "time", "result"];
        var rows = results.Select(r => new[]
        {
            r.Scenario,
            r.Events.ToString("N0", CultureInfo.InvariantCulture),
            r.Faults,
            r.Lost.ToString(CultureInfo.InvariantCulture),
            r.Doubled.ToString(CultureInfo.InvariantCulture),
            r.Wrong.ToString(CultureInfo.InvariantCulture),
            r.DeadLetters?.ToString("N0", CultureInfo.InvariantCulture) ?? "-",
            r.Elapsed.ToString(@"m\:ss", CultureInfo.InvariantCulture),
            r.Passed ? "pass" : "FAIL",
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var lines = new List<string> { Line(header, widths), string.Join("  ", widths.Select(w => new string('-', w))) };
        lines.AddRange(rows.Select(r => Line(r, widths)));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i is 1 or 3 or 4 or 5 or 6 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
}
