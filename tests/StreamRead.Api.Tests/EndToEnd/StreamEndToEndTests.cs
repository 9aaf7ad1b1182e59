using StreamRead.Api.Tests.Fixtures;
using StreamRead.Contracts.Events;
using Xunit;

namespace StreamRead.Api.Tests.EndToEnd;

/// <summary>
/// A read report produced to chat.reads goes through the processor, streamread.receipts, the
/// Redis sink and the push, and changes both the API's answer and the open streams (SPEC 4, 2.8).
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class StreamEndToEndTests(PipelineFixture pipeline)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_produced_read_report_changes_the_API_and_arrives_as_receipt_and_badge_events()
    {
        var c = $"e2e-{Guid.NewGuid():N}";
        await pipeline.StartConversationAsync(c, "u-a", "u-b", "u-c");
        await pipeline.WaitForReceiptAsync(c, read: 0, Deadline);
        await using var stream = await ServerSentEvents.OpenAsync(pipeline.Client, $"/v1/stream?conversationId={c}&userId=u-b");
        await stream.WaitForAsync(e => e.Name == "ready", Deadline, "ready event");

        await pipeline.Producer.ProduceAsync(new ReadReported(c, "u-b", 1, DateTimeOffset.UtcNow, "phone"), TestContext.Current.CancellationToken);
        var receipt = await stream.WaitForAsync(e => e.Name == "receipt" && (long)e.Data["read"]! == 1, Deadline, "receipt event with read 1");
        var badge = await stream.WaitForAsync(e => e.Name == "badge" && (string?)e.Data["conversationId"] == c && (long)e.Data["unread"]! == 0, Deadline, "badge event with unread 0");
        var answer = await pipeline.WaitForReceiptAsync(c, read: 1, Deadline);

        Http.AssertJson($$"""{"conversationId":"{{c}}","seq":1,"read":1,"unread":1,"eligible":2}""", answer);
        Assert.Equal((1L, 1L, 2L), ((long)receipt.Data["seq"]!, (long)receipt.Data["unread"]!, (long)receipt.Data["eligible"]!));
        Assert.Equal(receipt.Id, (string?)receipt.Data["version"]?.ToString());
        Assert.Equal(("u-b", 1L), ((string?)badge.Data["userId"], (long)badge.Data["readSeq"]!));
        // The snapshot came first: seq 1 unread by both, and u-b's badge at 1.
        Assert.Contains(stream.Seen, e => e.Name == "receipt" && (long)e.Data["read"]! == 0 && (long)e.Data["eligible"]! == 2);
        Assert.Contains(stream.Seen, e => e.Name == "badge" && (string?)e.Data["conversationId"] == c && (long)e.Data["unread"]! == 1);
    }

    [Fact]
    public async Task A_private_read_reaches_only_the_readers_own_stream()
    {
        var c = $"e2e-{Guid.NewGuid():N}";
        await pipeline.StartConversationAsync(c, "u-a", "u-p", "u-q");
        await pipeline.WaitForReceiptAsync(c, read: 0, Deadline);
        await using var conversation = await ServerSentEvents.OpenAsync(pipeline.Client, $"/v1/stream?conversationId={c}");
        await using var reader = await ServerSentEvents.OpenAsync(pipeline.Client, $"/v1/stream?userId=u-p");
        await using var other = await ServerSentEvents.OpenAsync(pipeline.Client, $"/v1/stream?userId=u-q&conversationId={c}");
        foreach (var s in new[] { conversation, reader, other })
        {
            await s.WaitForAsync(e => e.Name == "ready", Deadline, "ready event");
        }

        // u-p reads privately (SPEC 2.6), then u-q publicly: the public read is the marker that the private one was processed.
        await pipeline.Producer.ProduceAsync(new ReadReported(c, "u-p", 1, DateTimeOffset.UtcNow, Private: true), TestContext.Current.CancellationToken);
        var ownBadge = await reader.WaitForAsync(e => e.Name == "badge" && (string?)e.Data["conversationId"] == c && (long)e.Data["unread"]! == 0, Deadline, "u-p's badge");
        await pipeline.Producer.ProduceAsync(new ReadReported(c, "u-q", 1, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        await conversation.WaitForAsync(e => e.Name == "receipt" && (long)e.Data["read"]! >= 1, Deadline, "receipt after u-q's read");
        await other.WaitForAsync(e => e.Name == "badge" && (long)e.Data["unread"]! == 0, Deadline, "u-q's badge");
        await pipeline.WaitForReceiptAsync(c, read: 1, Deadline); // the Redis sink may trail the push by a few ms
        var readers = await Http.GetOkAsync(pipeline.Client, $"/v1/conversations/{c}/messages/1/readers?state=read");

        Assert.Equal(1L, (long)ownBadge.Data["readSeq"]!);
        Assert.DoesNotContain(conversation.Seen.Concat(other.Seen), e => e.Name == "badge" && (string?)e.Data["userId"] == "u-p");
        Assert.Equal([1L], conversation.Seen.Where(e => e.Name == "receipt" && (long)e.Data["read"]! > 0).Select(e => (long)e.Data["read"]!).Distinct());
        Http.AssertJson("""{"users":[{"userId":"u-q","readSeq":1}],"nextCursor":null}""", readers);
    }

    [Fact]
    public async Task A_new_message_raises_the_badge_of_a_member_whose_own_state_did_not_change()
    {
        var c = $"e2e-{Guid.NewGuid():N}";
        await pipeline.StartConversationAsync(c, "u-a", "u-m");
        await pipeline.WaitForReceiptAsync(c, read: 0, Deadline);
        await using var stream = await ServerSentEvents.OpenAsync(pipeline.Client, "/v1/stream?userId=u-m");
        await stream.WaitForAsync(e => e.Name == "ready", Deadline, "ready event");

        await pipeline.Producer.ProduceAsync(new MessageSent(c, 2, "u-a", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        var badge = await stream.WaitForAsync(e => e.Name == "badge" && (string?)e.Data["conversationId"] == c && (long)e.Data["unread"]! == 2, Deadline, "badge with 2 unread");

        Assert.Equal(2L, (long)badge.Data["lastSeq"]!);
    }

    [Fact]
    public async Task A_stream_without_filters_is_400()
    {
        var detail = await Http.GetProblemAsync(pipeline.Client, "/v1/stream", System.Net.HttpStatusCode.BadRequest);

        Assert.Contains("conversationId", detail, StringComparison.Ordinal);
    }
}
