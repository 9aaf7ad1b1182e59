using System.Diagnostics;
using System.Text;
using StreamRead.Api.Tests.Fixtures;
using StreamRead.Contracts.Events;
using Xunit;

namespace StreamRead.Api.Tests.EndToEnd;

/// <summary>
/// The live page in headless chromium: a message's "N read / M unread" and the reader's badge
/// change after a read report, without a reload. Runs tests/StreamRead.WebTests/live-page.test.mjs
/// (playwright-core driving Debian's chromium); <c>./streamread test</c> installs both.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class LivePageBrowserTests(PipelineFixture pipeline)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_page_shows_a_count_change_after_a_read_report()
    {
        var webTests = WebTestsFolder();
        var c = $"web-{Guid.NewGuid():N}"[..16];
        await pipeline.StartConversationAsync(c, "u-a", "u-b", "u-c");
        await pipeline.WaitForReceiptAsync(c, read: 0, Deadline);
        var screenshot = Path.Combine(Path.GetTempPath(), $"streamread-live-page-{c}.png");

        using var node = StartNode(webTests, "live-page.test.mjs",
            "--url", pipeline.Address.ToString().TrimEnd('/'), "--conversation", c, "--user", "u-b",
            "--before", "0 read / 2 unread", "--after", "1 read / 1 unread",
            "--badge-before", "1", "--badge-after", "0", "--screenshot", screenshot);
        var output = new StringBuilder();
        var errors = new StringBuilder();
        node.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        node.BeginErrorReadLine();

        await WaitForLineAsync(node, "READY", output, errors);
        await pipeline.Producer.ProduceAsync(new ReadReported(c, "u-b", 1, DateTimeOffset.UtcNow, "laptop"), TestContext.Current.CancellationToken);
        await WaitForLineAsync(node, "CHANGED", output, errors);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);

        Assert.True(node.ExitCode == 0, $"the browser script failed:{Environment.NewLine}{errors}");
        Assert.True(new FileInfo(screenshot).Length > 0, "the screenshot is empty");
        File.Delete(screenshot);
    }

    private static async Task WaitForLineAsync(Process node, string expected, StringBuilder output, StringBuilder errors)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        while (true)
        {
            string? line;
            try
            {
                line = await node.StandardOutput.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                line = null;
            }

            if (line is null)
            {
                if (!node.HasExited)
                {
                    node.Kill(entireProcessTree: true);
                }

                await node.WaitForExitAsync(CancellationToken.None);
                Assert.Fail($"the browser never printed {expected}; output:{Environment.NewLine}{output}{Environment.NewLine}errors:{Environment.NewLine}{errors}");
            }

            output.AppendLine(line);
            if (line == expected)
            {
                return;
            }
        }
    }

    private static Process StartNode(string folder, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("node did not start");
    }

    /// <summary>tests/StreamRead.WebTests, or a skip that says what is missing.</summary>
    private static string WebTestsFolder()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "StreamRead.sln")))
        {
            root = root.Parent;
        }

        var folder = root is null ? null : Path.Combine(root.FullName, "tests", "StreamRead.WebTests");
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";
        var missing = new List<string>();
        if (folder is null || !Directory.Exists(folder))
        {
            missing.Add("the tests/StreamRead.WebTests folder (the tests run outside the repository)");
        }
        else if (!Directory.Exists(Path.Combine(folder, "node_modules", "playwright-core")))
        {
            missing.Add("playwright-core (npm ci in tests/StreamRead.WebTests)");
        }

        if (!File.Exists(chromium))
        {
            missing.Add($"chromium at {chromium} (apt-get install chromium, or set CHROMIUM)");
        }

        if (!OnPath("node"))
        {
            missing.Add("node (apt-get install nodejs)");
        }

        if (missing.Count > 0)
        {
            Assert.Skip($"the browser test needs {string.Join(", ", missing)}; ./streamread test installs them");
        }

        return folder!;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}
