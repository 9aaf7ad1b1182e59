using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamRead.Analytics.Hosting;
using StreamRead.Analytics.Queries;
using StreamRead.Analytics.Report;
using StreamRead.ClickHouse;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread report</c>: the figures of the <c>/analytics</c> dashboards as terminal tables, from
/// the same queries (<see cref="AnalyticsQueries"/>), for the last <c>--since</c> or a
/// <c>--from</c>/<c>--to</c> range. Ranges up to 3 h are shown per minute, longer ones per hour.
/// </summary>
internal static partial class ReportCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since")
        {
            Description = "Report the last span of time: 90s, 15m, 1h, 24h, 7d (default 24h)",
        };
        var from = new Option<string?>("--from") { Description = "Start of the range, ISO 8601 (e.g. 2026-11-22T09:00:00Z); overrides --since" };
        var to = new Option<string?>("--to") { Description = "End of the range, ISO 8601 (default: now)" };
        var clickHouse = CommonOptions.ClickHouse();
        var database = new Option<string?>("--database") { Description = "ClickHouse database of the analytics (default: ClickHouse:Database, streamread)" };
        var command = new Command("report", "Print the read analytics (latency, read-through, read reports, active readers, backlog) as tables.")
        {
            since, from, to, clickHouse, database,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var range = Range(parse.GetValue(since), parse.GetValue(from), parse.GetValue(to), DateTimeOffset.UtcNow);
            var builder = CliHost.CreateBuilder(parse, CommonOptions.Overrides(parse,
                (clickHouse, ["ClickHouse:Url"]),
                (database, ["ClickHouse:Database"])));
            builder.Services.AddStreamReadAnalytics();
            using var host = builder.Build();
            AnalyticsReader reader;
            try
            {
                reader = host.Services.GetRequiredService<AnalyticsReader>();
            }
            catch (Exception e) when (e is OptionsValidationException or ArgumentException)
            {
                throw new CliException($"invalid ClickHouse settings: {e.Message}", e);
            }

            try
            {
                var tables = await reader.RunAllAsync(AnalyticsQueries.For(range), range, cancellationToken);
                AnalyticsReport.Write(parse.InvocationConfiguration.Output, tables, range, reader.Database);
            }
            catch (ClickHouseException e)
            {
                throw new CliException(e.Message, e);
            }

            return 0;
        });
        return command;
    }

    /// <summary>The range the options ask for; a <see cref="CliException"/> says what is wrong.</summary>
    internal static TimeRange Range(string? since, string? from, string? to, DateTimeOffset now)
    {
        var end = to is null ? now : Time(to, "--to");
        var start = from is not null ? Time(from, "--from") : end - Span(since ?? "24h");
        if (start >= end)
        {
            throw new CliException($"the range is empty: --from {start:O} is not before --to {end:O}");
        }

        return new TimeRange(start, end);
    }

    private static DateTimeOffset Time(string text, string option) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new CliException($"{option} '{text}' is not a time: use ISO 8601, e.g. 2026-11-22T09:00:00Z");

    private static TimeSpan Span(string text)
    {
        var match = SpanPattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            throw new CliException($"--since '{text}' is not a span of time: use a positive number with s, m, h or d, e.g. 15m, 24h, 7d");
        }

        return match.Groups["unit"].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        };
    }

    [GeneratedRegex(@"^(?<n>\d{1,6})(?<unit>[smhd])$")]
    private static partial Regex SpanPattern();
}
