using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamRead.Bench.Reporting;

/// <summary>Renders a <see cref="BenchReport"/> as the console table, Markdown (for docs/benchmarks.md) and JSON.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The table of every figure, then the limit notes per scenario.</summary>
    public static string ToText(BenchReport report)
    {
        var rows = report.Figures.Select(f => new[] { f.Scenario, f.Name, $"{f.FormattedValue} {f.Unit}", f.Target ?? "", Verdict(f) }).ToList();
        string[] header = ["scenario", "figure", "value", "target", "met"];
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        void Row(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => i == 2 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            Row(row);
        }

        foreach (var scenario in report.Scenarios)
        {
            if (scenario.Error is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{scenario.Scenario}: FAILED: {scenario.Error}");
            }
        }

        text.AppendLine();
        text.AppendLine("What limits each figure:");
        foreach (var scenario in report.Scenarios.Where(s => s.Notes.Count > 0))
        {
            foreach (var note in scenario.Notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {scenario.Scenario}: {note}");
            }
        }

        return text.ToString();
    }

    /// <summary>The machine, the command, the table and the notes as Markdown.</summary>
    public static string ToMarkdown(BenchReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run of `{report.Command}` on {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.Elapsed.TotalSeconds:0} s{(report.Quick ? " (--quick sizes)" : "")}.");
        md.AppendLine();
        md.AppendLine("| machine | |");
        md.AppendLine("| --- | --- |");
        foreach (var (key, value) in report.Machine)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {value} |");
        }

        md.AppendLine();
        md.AppendLine("| scenario | figure | value | target | met |");
        md.AppendLine("| --- | --- | ---: | --- | --- |");
        foreach (var f in report.Figures)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Scenario} | {f.Name} | {f.FormattedValue} {f.Unit} | {(f.Target ?? "").Replace(">", "&gt;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)} | {Verdict(f)} |");
        }

        md.AppendLine();
        foreach (var scenario in report.Scenarios)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{scenario.Scenario}** ({scenario.Title}, {scenario.Elapsed.TotalSeconds:0} s){(scenario.Error is null ? "" : $": FAILED: {scenario.Error}")}");
            foreach (var note in scenario.Notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  - {note}");
            }
        }

        return md.ToString();
    }

    public static string ToJson(BenchReport report) => JsonSerializer.Serialize(new
    {
        report.Command,
        report.Quick,
        report.StartedAt,
        ElapsedSeconds = Math.Round(report.Elapsed.TotalSeconds, 1),
        report.Machine,
        Scenarios = report.Scenarios.Select(s => new
        {
            s.Scenario,
            s.Title,
            ElapsedSeconds = Math.Round(s.Elapsed.TotalSeconds, 1),
            s.Error,
            Figures = s.Figures.Select(f => new { f.Name, f.Value, f.Unit, f.Target, f.Met }),
            s.Notes,
        }),
    }, Json);

    private static string Verdict(BenchFigure figure) => figure.Met switch
    {
        true => "yes",
        false => "NO",
        null => "",
    };
}
