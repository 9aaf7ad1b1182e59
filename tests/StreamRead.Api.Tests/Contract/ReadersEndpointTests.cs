using System.Net;
using StreamRead.Api.Tests.Fixtures;
using Xunit;

namespace StreamRead.Api.Tests.Contract;

/// <summary>SPEC 4: <c>GET /v1/conversations/{c}/messages/{seq}/readers?state=read|unread&amp;limit=&amp;cursor=</c>.</summary>
public sealed class ReadersEndpointTests(RedisServerFixture redis) : ApiContractTest(redis)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ServingData.WriteAsync(Redis, KeyPrefix, ServingData.Group("g"), ServingData.Crowd("crowd", readers: 25, others: 7));
    }

    [Fact]
    public async Task Readers_list_users_with_their_public_watermark_and_a_null_cursor_on_the_last_page()
    {
        var body = await Http.GetOkAsync(Client, "/v1/conversations/g/messages/1/readers?state=read");

        Http.AssertJson("""{"users":[{"userId":"u-b","readSeq":2}],"nextCursor":null}""", body);
    }

    [Fact]
    public async Task State_defaults_to_read()
    {
        var body = await Http.GetOkAsync(Client, "/v1/conversations/g/messages/1/readers");

        Http.AssertJson("""{"users":[{"userId":"u-b","readSeq":2}],"nextCursor":null}""", body);
    }

    [Fact]
    public async Task A_private_reader_never_appears_as_a_reader()
    {
        // u-c read up to 3 privately (SPEC 2.6); u-a sent it and is not eligible.
        var body = await Http.GetOkAsync(Client, "/v1/conversations/g/messages/3/readers?state=read");

        Http.AssertJson("""{"users":[],"nextCursor":null}""", body);
    }

    [Fact]
    public async Task Unread_lists_eligible_non_readers_with_their_public_watermark()
    {
        // u-c's readSeq is 0, its public watermark, not its private position 3 (SPEC 4).
        var body = await Http.GetOkAsync(Client, "/v1/conversations/g/messages/3/readers?state=unread");

        Http.AssertJson("""{"users":[{"userId":"u-c","readSeq":0},{"userId":"u-d","readSeq":0},{"userId":"u-b","readSeq":2}],"nextCursor":null}""", body);
    }

    [Fact]
    public async Task Pages_follow_nextCursor_to_every_reader_exactly_once()
    {
        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var path = "/v1/conversations/crowd/messages/1/readers?state=read&limit=10" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await Http.GetOkAsync(Client, path);
            var users = page["users"]!.AsArray();
            Assert.True(users.Count <= 10, $"page {pages + 1} holds {users.Count} users, more than the limit");
            seen.AddRange(users.Select(u => (string)u!["userId"]!));
            cursor = (string?)page["nextCursor"];
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"r-{i:D3}"), seen.Order());
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_cursor_whose_user_moved_since_its_page_resumes_after_it_without_skipping_equal_watermarks()
    {
        // Every crowd reader has watermark 1. r-009 ends the first page, then reads on to 2: the
        // next page must still hold r-010 to r-024 (same watermark as the cursor, after it).
        var first = await Http.GetOkAsync(Client, "/v1/conversations/crowd/messages/1/readers?state=read&limit=10");
        var firstUsers = first["users"]!.AsArray().Select(u => (string)u!["userId"]!).ToList();
        Assert.Equal("r-009", firstUsers[^1]);
        await ServingData.WriteAsync(Redis, KeyPrefix, ServingData.CrowdReaderMoved("crowd", "r-009", readSeq: 2));

        var second = await Http.GetOkAsync(Client, $"/v1/conversations/crowd/messages/1/readers?state=read&limit=100&cursor={Uri.EscapeDataString((string)first["nextCursor"]!)}");

        var secondUsers = second["users"]!.AsArray().Select(u => (string)u!["userId"]!).ToList();
        Assert.Equal(Enumerable.Range(10, 15).Select(i => $"r-{i:D3}").Append("r-009"), secondUsers);
    }

    [Fact]
    public async Task The_unread_side_pages_too()
    {
        var first = await Http.GetOkAsync(Client, "/v1/conversations/crowd/messages/1/readers?state=unread&limit=5");
        var second = await Http.GetOkAsync(Client, $"/v1/conversations/crowd/messages/1/readers?state=unread&limit=5&cursor={Uri.EscapeDataString((string)first["nextCursor"]!)}");

        var users = first["users"]!.AsArray().Concat(second["users"]!.AsArray()).Select(u => (string)u!["userId"]!);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"n-{i:D3}"), users.Order());
        Assert.Null((string?)second["nextCursor"]);
    }

    [Theory]
    [InlineData("state=maybe", "state 'maybe'")]
    [InlineData("state=READ", "state 'READ'")]
    [InlineData("limit=0", "limit '0'")]
    [InlineData("limit=1001", "limit '1001'")]
    [InlineData("limit=ten", "limit 'ten'")]
    [InlineData("cursor=not-a-cursor", "cursor is malformed")]
    [InlineData("cursor=%21%21%21", "cursor is malformed")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string expected)
    {
        var detail = await Http.GetProblemAsync(Client, $"/v1/conversations/g/messages/1/readers?{query}", HttpStatusCode.BadRequest);

        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1000")]
    public async Task Limits_from_1_to_1000_are_accepted(string limit)
    {
        var body = await Http.GetOkAsync(Client, $"/v1/conversations/crowd/messages/1/readers?limit={limit}");

        Assert.Equal(Math.Min(25, int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture)), body["users"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("/v1/conversations/nobody/messages/1/readers")]
    [InlineData("/v1/conversations/g/messages/4/readers")]
    public async Task Unknown_conversation_or_message_is_404(string path)
    {
        await Http.GetProblemAsync(Client, path, HttpStatusCode.NotFound);
    }
}
