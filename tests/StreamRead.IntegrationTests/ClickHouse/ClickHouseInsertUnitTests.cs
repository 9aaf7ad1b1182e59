using System.IO.Compression;
using System.Net;
using System.Text;
using StreamRead.ClickHouse;
using Xunit;

namespace StreamRead.IntegrationTests.ClickHouse;

/// <summary>What an insert puts on the wire, captured by a fake handler; no server needed.</summary>
public sealed class ClickHouseInsertUnitTests
{
    [Fact]
    public async Task Insert_sends_gzip_JSONEachRow_lines_with_the_statement_and_database_in_the_URL()
    {
        var handler = new CapturingHandler();
        using var http = new HttpClient(handler);
        var client = new ClickHouseClient(http, new ClickHouseOptions { Database = "analytics", User = "writer", Password = "pw" });
        ReadFactRow[] rows = [new("g-1", 1, "u-1", "it's ü", 10), new("g-1", 2, "u-2", "", 20)];

        var sent = await client.InsertJsonEachRowAsync("read_facts", rows, ClickHouseTestJsonContext.Default.ReadFactRow, TestContext.Current.CancellationToken);

        Assert.Equal(2, sent);
        Assert.Equal(["gzip"], handler.ContentEncoding);
        Assert.Contains("query=INSERT INTO `read_facts` FORMAT JSONEachRow&", handler.Url, StringComparison.Ordinal);
        Assert.Contains("database=analytics", handler.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", handler.Url, StringComparison.Ordinal);
        Assert.Equal("pw", handler.Key);
        Assert.Equal(
            """
            {"conversation_id":"g-1","seq":1,"user_id":"u-1","note":"it's ü","read_at_ms":10}
            {"conversation_id":"g-1","seq":2,"user_id":"u-2","note":"","read_at_ms":20}

            """.ReplaceLineEndings("\n"),
            handler.Body);
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string Url { get; private set; } = "";
        public string Body { get; private set; } = "";
        public string? Key { get; private set; }
        public IReadOnlyList<string> ContentEncoding { get; private set; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Url = Uri.UnescapeDataString(request.RequestUri!.Query);
            Key = request.Headers.GetValues("X-ClickHouse-Key").Single();
            ContentEncoding = [.. request.Content!.Headers.ContentEncoding];
            await using var gzip = new GZipStream(await request.Content.ReadAsStreamAsync(cancellationToken), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            Body = await reader.ReadToEndAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
