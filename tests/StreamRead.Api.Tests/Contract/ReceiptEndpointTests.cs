using System.Net;
using StreamRead.Api.Tests.Fixtures;
using Xunit;

namespace StreamRead.Api.Tests.Contract;

/// <summary>SPEC 4: <c>GET /v1/conversations/{c}/messages/{seq}/receipt</c>.</summary>
public sealed class ReceiptEndpointTests(RedisServerFixture redis) : ApiContractTest(redis)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ServingData.WriteAsync(Redis, KeyPrefix, ServingData.Group("g"), ServingData.Group("old", hotWindowFrom: 5));
    }

    [Fact]
    public async Task Receipt_has_exactly_the_fields_of_SPEC_4()
    {
        var body = await Http.GetOkAsync(Client, "/v1/conversations/g/messages/2/receipt");

        Http.AssertJson("""{"conversationId":"g","seq":2,"read":1,"unread":2,"eligible":3}""", body);
    }

    [Fact]
    public async Task A_private_read_does_not_count_as_read()
    {
        // u-c read up to 3 privately (SPEC 2.6): nobody has read 3 publicly.
        var body = await Http.GetOkAsync(Client, "/v1/conversations/g/messages/3/receipt");

        Http.AssertJson("""{"conversationId":"g","seq":3,"read":0,"unread":3,"eligible":3}""", body);
    }

    [Fact]
    public async Task A_message_older_than_the_hot_window_is_answered_from_the_watermarks()
    {
        // "old" keeps counts for seq 5 only; seq 1 is derived from eligibility and watermarks.
        var body = await Http.GetOkAsync(Client, "/v1/conversations/old/messages/1/receipt");

        Http.AssertJson("""{"conversationId":"old","seq":1,"read":1,"unread":2,"eligible":3}""", body);
    }

    [Theory]
    [InlineData("/v1/conversations/nobody/messages/1/receipt", "conversation 'nobody' is unknown")]
    [InlineData("/v1/conversations/g/messages/4/receipt", "seq 4 is not a known message")]
    [InlineData("/v1/conversations/g/messages/6/receipt", "seq 6 is not a known message")]
    public async Task Unknown_conversation_gap_and_seq_beyond_the_last_are_404(string path, string reason)
    {
        var detail = await Http.GetProblemAsync(Client, path, HttpStatusCode.NotFound);

        Assert.Contains(reason, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("abc")]
    [InlineData("9223372036854775808")]
    public async Task A_seq_that_is_not_a_positive_int64_is_400(string seq)
    {
        var detail = await Http.GetProblemAsync(Client, $"/v1/conversations/g/messages/{Uri.EscapeDataString(seq)}/receipt", HttpStatusCode.BadRequest);

        Assert.Contains("positive 64-bit integer", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_largest_int64_seq_is_a_valid_parameter()
    {
        var detail = await Http.GetProblemAsync(Client, $"/v1/conversations/g/messages/{long.MaxValue}/receipt", HttpStatusCode.NotFound);

        Assert.Contains("not a known message", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_id_longer_than_256_characters_is_400()
    {
        var detail = await Http.GetProblemAsync(Client, $"/v1/conversations/{new string('c', 257)}/messages/1/receipt", HttpStatusCode.BadRequest);

        Assert.Contains("256", detail, StringComparison.Ordinal);
    }
}
