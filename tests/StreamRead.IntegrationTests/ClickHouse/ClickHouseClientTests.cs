using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using StreamRead.ClickHouse;
using StreamRead.IntegrationTests.Fixtures;
using Xunit;

namespace StreamRead.IntegrationTests.ClickHouse;

public sealed class ClickHouseClientTests(ClickHouseServerFixture clickHouse)
{
    private const string CreateReadFacts = """
        CREATE TABLE read_facts
        (conversation_id String, seq UInt64, user_id String, note String, read_at_ms UInt64)
        ENGINE = MergeTree ORDER BY (conversation_id, seq)
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gzip_JSONEachRow_insert_of_thousands_of_rows_reads_back_unchanged_with_FORMAT_JSON()
    {
        var client = await clickHouse.CreateDatabaseAsync(Cancel);
        await client.ExecuteAsync(CreateReadFacts, Cancel);
        var rows = Enumerable.Range(1, 5000)
            .Select(i => new ReadFactRow(
                $"g-{i % 7}", (ulong)i, $"u-{i % 97}",
                i % 3 == 0 ? "quote ' \" back\\slash\nnewline ü 😀" : "plain",
                ulong.MaxValue - (ulong)i))
            .ToArray();

        var sent = await client.InsertJsonEachRowAsync("read_facts", rows, ClickHouseTestJsonContext.Default.ReadFactRow, Cancel);
        var count = await client.QueryScalarAsync("SELECT count() FROM read_facts", Cancel);
        var readBack = await client.QueryAsync(
            "SELECT conversation_id, seq, user_id, note, read_at_ms FROM read_facts ORDER BY seq",
            row => row.Deserialize(ClickHouseTestJsonContext.Default.ReadFactRow)!,
            Cancel);

        Assert.Equal(rows.Length, sent);
        Assert.Equal(rows.Length, count!.Value.GetInt64());
        Assert.Equal(rows, readBack);
    }

    [Fact]
    public async Task Server_error_becomes_ClickHouseException_with_the_server_code()
    {
        var client = await clickHouse.CreateDatabaseAsync(Cancel);

        var error = await Assert.ThrowsAsync<ClickHouseException>(
            () => client.QueryAsync("SELECT * FROM no_such_table", Cancel));

        Assert.Equal(60, error.Code); // UNKNOWN_TABLE in every version
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_travel_with_the_request_so_an_unknown_one_is_refused()
    {
        var client = (await clickHouse.CreateDatabaseAsync(Cancel))
            .WithSettings(new Dictionary<string, string> { ["streamread_no_such_setting"] = "1" });

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => client.QueryAsync("SELECT 1", Cancel));

        Assert.Equal(115, error.Code); // UNKNOWN_SETTING
        Assert.Contains("streamread_no_such_setting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_that_fails_to_serialize_fails_the_insert_with_its_own_exception_and_inserts_nothing()
    {
        var client = await clickHouse.CreateDatabaseAsync(Cancel);
        await client.ExecuteAsync(CreateReadFacts, Cancel);

        static IEnumerable<ReadFactRow> RowsThatBreak()
        {
            for (var i = 1; i <= 100; i++)
            {
                yield return new ReadFactRow("g-1", (ulong)i, "u-1", "", 0);
            }

            throw new InvalidDataException("row 101 is broken");
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => client.InsertJsonEachRowAsync("read_facts", RowsThatBreak(), ClickHouseTestJsonContext.Default.ReadFactRow, Cancel));
        var count = await client.QueryScalarAsync("SELECT count() FROM read_facts", Cancel);

        Assert.Equal("row 101 is broken", error.Message);
        Assert.Equal(0, count!.Value.GetInt64());
    }

    [Fact]
    public async Task Empty_result_has_no_rows_and_no_scalar()
    {
        var client = await clickHouse.CreateDatabaseAsync(Cancel);

        var rows = await client.QueryAsync("SELECT number FROM system.numbers LIMIT 0", Cancel);
        var scalar = await client.QueryScalarAsync("SELECT number FROM system.numbers LIMIT 0", Cancel);

        Assert.Empty(rows);
        Assert.Null(scalar);
    }

    [Fact]
    public async Task Unreachable_server_is_a_ClickHouseException_without_a_code_that_says_how_to_start_one()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // bound, not listening: connections are refused
        using var http = new HttpClient();
        var client = new ClickHouseClient(http, new ClickHouseOptions
        {
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/"),
        });

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => client.PingAsync(Cancel));

        Assert.Null(error.Code);
        Assert.Contains("./streamread services", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_refused_with_what_to_fix()
    {
        using var http = new HttpClient();
        var options = new ClickHouseOptions { Url = new Uri("ftp://127.0.0.1/"), Database = " ", Timeout = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(() => new ClickHouseClient(http, options));

        Assert.Contains("ClickHouse:Url", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClickHouse:Database", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClickHouse:Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_never_show_the_password()
    {
        var options = new ClickHouseOptions { Password = "s3cret-value" };

        Assert.DoesNotContain("s3cret-value", options.ToString(), StringComparison.Ordinal);
    }
}
