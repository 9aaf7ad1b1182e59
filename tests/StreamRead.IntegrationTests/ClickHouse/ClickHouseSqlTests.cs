using StreamRead.ClickHouse;
using StreamRead.IntegrationTests.Fixtures;
using Xunit;

namespace StreamRead.IntegrationTests.ClickHouse;

public sealed class ClickHouseSqlTests(ClickHouseServerFixture clickHouse)
{
    /// <summary>Text that breaks naive quoting: quotes, backslashes, escapes-looking text, control characters, SQL.</summary>
    public static readonly TheoryData<string> HostileText =
    [
        "",
        "it's",
        "'; DROP TABLE victims; --",
        @"\'; DROP TABLE victims; --",
        @"ends with a backslash\",
        @"\\' OR 1=1 --",
        @"\x41\n\t\0 looks like escapes",
        "real\ncontrol\tchars\r\0and\u0001more",
        "`backticks` and \"double\" quotes",
        "ünïcödé 😀 日本語",
        "/* comment */ -- comment",
    ];

    /// <summary>The hostile texts that can be names (not empty, no NUL).</summary>
    public static readonly TheoryData<string> HostileNames =
        [.. HostileText.Select(row => row.Data).Where(text => text.Length > 0 && !text.Contains('\0'))];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(HostileText))]
    public async Task String_literal_round_trips_as_data(string text)
    {
        var client = await clickHouse.CreateDatabaseAsync(Cancel);
        await client.ExecuteAsync("CREATE TABLE victims (x UInt8) ENGINE = Memory", Cancel);

        var value = await client.QueryScalarAsync($"SELECT {ClickHouseSql.StringLiteral(text)} AS v", Cancel);
        var victims = await client.QueryScalarAsync("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'victims'", Cancel);

        Assert.Equal(text, value!.Value.GetString());
        Assert.Equal(1, victims!.Value.GetInt64());
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Identifier_round_trips_as_a_name(string name)
    {
        var client = await clickHouse.CreateDatabaseAsync(Cancel);

        await client.ExecuteAsync($"CREATE TABLE {ClickHouseSql.Identifier(name)} (x UInt8) ENGINE = Memory", Cancel);
        var tables = await client.QueryAsync(
            "SELECT name FROM system.tables WHERE database = currentDatabase()", row => row.GetProperty("name").GetString(), Cancel);
        var alias = (await client.QueryAsync($"SELECT 1 AS {ClickHouseSql.Identifier(name)}", Cancel))[0].EnumerateObject().Single().Name;

        Assert.Equal([name], tables);
        Assert.Equal(name, alias);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nul\0inside")]
    public void Identifier_refuses_names_no_table_can_have(string name)
    {
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Identifier(name));
    }

    [Fact]
    public void String_literal_escapes_quotes_and_backslashes_with_backslashes()
    {
        Assert.Equal(@"'it\'s'", ClickHouseSql.StringLiteral("it's"));
        Assert.Equal(@"'a\\b'", ClickHouseSql.StringLiteral(@"a\b"));
        Assert.Equal(@"'x\ny\0\x01'", ClickHouseSql.StringLiteral("x\ny\0\u0001"));
    }

    [Fact]
    public void Identifier_is_backquoted_with_escaped_backquotes()
    {
        Assert.Equal("`read_facts`", ClickHouseSql.Identifier("read_facts"));
        Assert.Equal(@"`my\`table`", ClickHouseSql.Identifier("my`table"));
    }
}
