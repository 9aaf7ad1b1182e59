using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamRead.Analytics.Hosting;
using StreamRead.Analytics.Queries;
using StreamRead.Analytics.Web;
using StreamRead.ClickHouse;
using StreamRead.IntegrationTests.Analytics.Support;
using StreamRead.IntegrationTests.Fixtures;

using Xunit;

namespace StreamRead.IntegrationTests.Analytics;

/// <summary>
/// The <c>/analytics</c> page and its JSON, hosted by <c>MapStreamReadAnalytics()</c> in a minimal
/// web app over a database filled with the known workload; the page is rendered by headless Chromium.
/// </summary>
public sealed partial class AnalyticsPageTests(ClickHouseServerFixture clickHouse)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly ReadWorkload Workload = ReadWorkload.Create(seed: 42);
    private static readonly string[] Charts =
        ["latency", "latency-by-group", "read-through", "read-through-by-group", "read-reports", "active-readers", "unread-backlog", "milestones"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Headless_Chromium_draws_every_chart_of_the_page_from_ClickHouse()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Skip($"{Chromium} is missing: install Debian's chromium (apt-get install chromium) to run the browser test");
        }

        var client = await AnalyticsHarness.CreateDatabaseAsync(clickHouse, Cancel);
        await AnalyticsHarness.WriteAsync(client, AnalyticsHarness.Updates(Workload, recordsPerFlush: 7), batchSize: 50, Cancel);
        await using var app = await StartAppAsync(client.Database);
        var range = ExpectedFigures.Range;

        // A range under 3 h (per-minute charts) and the whole workload (per-hour charts).
        foreach (var (from, to) in new[] { (ReadWorkload.Start, ReadWorkload.Start.AddHours(2)), (range.From, range.To) })
        {
            var url = $"{BaseUrl(app)}/analytics?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
            var dom = await DumpDomAsync(url);

            Assert.Contains("data-rendered=\"true\"", dom, StringComparison.Ordinal);
            foreach (var chart in Charts)
            {
                var svg = ChartSvg(dom, chart);
                Assert.True(svg.Contains("data-state=\"ready\"", StringComparison.Ordinal), $"chart {chart} is not ready: {svg[..Math.Min(300, svg.Length)]}");
                var marks = MarkPattern().Matches(svg).Count;
                Assert.True(marks > 0, $"chart {chart} drew no bar or point");
                Assert.Contains($"data-marks=\"{marks}\"", svg, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_JSON_endpoints_answer_rows_list_queries_and_reject_bad_requests_clearly()
    {
        var client = await AnalyticsHarness.CreateDatabaseAsync(clickHouse, Cancel);
        await AnalyticsHarness.WriteAsync(client, AnalyticsHarness.Updates(Workload, recordsPerFlush: 7), batchSize: 50, Cancel);
        await using var app = await StartAppAsync(client.Database);
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl(app)) };
        var range = ExpectedFigures.Range;

        using var list = JsonDocument.Parse(await http.GetStringAsync("/analytics/api/queries", Cancel));
        Assert.Equal(AnalyticsQueries.All.Select(q => q.Id), list.RootElement.EnumerateArray().Select(q => q.GetProperty("id").GetString()));

        var readers = await http.GetAsync($"/analytics/api/queries/active_readers_per_day?from={range.From.ToUnixTimeSeconds()}&to={range.To.ToUnixTimeSeconds()}", Cancel);
        using var body = JsonDocument.Parse(await readers.Content.ReadAsStringAsync(Cancel));
        var expected = await new AnalyticsReader(client).RunAsync(AnalyticsQueries.ActiveReadersPerDay, range, Cancel);
        Assert.Equal(HttpStatusCode.OK, readers.StatusCode);
        Assert.Equal(["day", "active_readers"], body.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(
            expected.Rows.Select(r => string.Join(",", r.Select(v => v.GetRawText()))),
            body.RootElement.GetProperty("rows").EnumerateArray().Select(r => string.Join(",", r.EnumerateArray().Select(v => v.GetRawText()))));

        var unknown = await http.GetAsync("/analytics/api/queries/nope", Cancel);
        var badTime = await http.GetAsync("/analytics/api/queries/unread_backlog?from=yesterday", Cancel);
        var reversed = await http.GetAsync($"/analytics/api/queries/unread_backlog?from={range.To:O}&to={range.From:O}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("/analytics/api/queries", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        Assert.Contains("ISO 8601", await badTime.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
    }

    [Fact]
    public async Task A_database_without_the_schema_answers_503_saying_how_to_create_it()
    {
        await using var app = await StartAppAsync(clickHouse.NewDatabaseName());
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl(app)) };

        var response = await http.GetAsync("/analytics/api/queries/unread_backlog", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("sink clickhouse", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private async Task<WebApplication> StartAppAsync(string database)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ClickHouse:Url"] = clickHouse.Url.ToString();
        builder.Configuration["ClickHouse:Database"] = database;
        builder.Services.AddStreamReadAnalytics();
        var app = builder.Build();
        app.MapStreamReadAnalytics();
        await app.StartAsync(Cancel);
        return app;
    }

    private static string BaseUrl(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    /// <summary>Chromium loads the page, runs its scripts (virtual time lets the fetches finish) and prints the resulting DOM.</summary>
    private static async Task<string> DumpDomAsync(string url)
    {
        var profile = Directory.CreateTempSubdirectory("streamread-chromium-");
        try
        {
            var start = new ProcessStartInfo(Chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                    $"--user-data-dir={profile.FullName}", "--window-size=1280,2000", "--virtual-time-budget=8000", "--dump-dom", url,
                },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(Cancel);
            var errors = process.StandardError.ReadToEndAsync(Cancel);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var dom = await output;
            Assert.True(dom.Contains("<svg", StringComparison.Ordinal), $"chromium printed no page (exit {process.ExitCode}): {await errors}");
            return dom;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string ChartSvg(string dom, string chart)
    {
        var figure = dom.IndexOf($"data-chart=\"{chart}\"", StringComparison.Ordinal);
        Assert.True(figure >= 0, $"the page has no chart {chart}");
        var start = dom.IndexOf("<svg", figure, StringComparison.Ordinal);
        var end = dom.IndexOf("</svg>", start, StringComparison.Ordinal);
        return dom[start..end];
    }

    [GeneratedRegex("<(circle|rect) ")]
    private static partial Regex MarkPattern();
}
