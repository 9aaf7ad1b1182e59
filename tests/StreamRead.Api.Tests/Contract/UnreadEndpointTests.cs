using System.Net;
using StreamRead.Api.Tests.Fixtures;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using Xunit;

namespace StreamRead.Api.Tests.Contract;

/// <summary>SPEC 4: <c>GET /v1/users/{u}/unread</c>.</summary>
public sealed class UnreadEndpointTests(RedisServerFixture redis) : ApiContractTest(redis)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // u-c is also in "h" (1 message, unread) and left "gone".
        var h = new ReceiptUpdate("h", 3, ConversationKind.Direct, 1, 1, 1, ServingData.Now)
        {
            Messages = [new ReceiptMessage(1, "u-a", ServingData.Now)],
            Members = [new("u-a", true, 0, 1), new("u-c", true, 0, 0)],
            Badges = [new("u-a", 0, 1), new("u-c", 1, 0)],
        };
        var gone = new ReceiptUpdate("gone", 2, ConversationKind.Group, 0, 0, 0, ServingData.Now)
        {
            Members = [new("u-c", false)],
            Badges = [new("u-c", 0, 0)],
        };
        await ServingData.WriteAsync(Redis, KeyPrefix, ServingData.Group("g"), h, gone);
    }

    [Fact]
    public async Task Badges_use_the_own_read_position_including_private_reads()
    {
        var body = await Http.GetOkAsync(Client, "/v1/users/u-c/unread");

        // g: readSeq 3 is u-c's private position; 5 is the only unread message. Left conversations are not listed.
        Http.AssertJson("""
            {"userId":"u-c","total":2,"conversations":[
              {"conversationId":"g","unread":1,"readSeq":3,"lastSeq":5},
              {"conversationId":"h","unread":1,"readSeq":0,"lastSeq":1}]}
            """, body);
    }

    [Fact]
    public async Task Seq_gaps_and_own_messages_never_count()
    {
        // u-a sent everything; u-d read nothing: 1, 2, 3 and 5 are unread (4 is a gap).
        var sender = await Http.GetOkAsync(Client, "/v1/users/u-a/unread");
        var reader = await Http.GetOkAsync(Client, "/v1/users/u-d/unread");

        Assert.Equal(0, (long)sender["total"]!);
        Assert.Equal(4, (long)reader["total"]!);
    }

    [Fact]
    public async Task An_unknown_user_is_404()
    {
        var detail = await Http.GetProblemAsync(Client, "/v1/users/nobody/unread", HttpStatusCode.NotFound);

        Assert.Contains("user 'nobody' is unknown", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_id_longer_than_256_characters_is_400()
    {
        await Http.GetProblemAsync(Client, $"/v1/users/{new string('u', 257)}/unread", HttpStatusCode.BadRequest);
    }
}
