using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using StreamRead.Redis;
using StreamRead.Redis.Sink;
using Xunit;

namespace StreamRead.IntegrationTests.Redis;

/// <summary>
/// The conversation script's watermark entries (apply-conversation.lua): one equal to the same
/// update's member entry is skipped as already written, and every other one still moves the
/// who-read sorted sets up only.
/// </summary>
public sealed class ConversationScriptWatermarkTests(RedisServerFixture redis)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    // A read report's update: the reader as a member entry and as an equal watermark entry.
    [InlineData(3, 3, 3)]
    // A watermark entry above the member entry's public watermark still raises it (GT).
    [InlineData(2, 5, 5)]
    // One below it does not lower what the member entry set.
    [InlineData(4, 1, 4)]
    public async Task A_watermark_entry_leaves_the_higher_of_itself_and_the_member_entry(long memberWatermark, long watermark, long expected)
    {
        var (writer, keys) = Writer();
        var update = Update(1) with
        {
            Members = [new ReceiptMember("u-1", true, 0, memberWatermark)],
            Watermarks = [new ReceiptWatermark("u-1", watermark)],
        };

        await writer.WriteAsync([update], TestContext.Current.CancellationToken);

        var db = redis.Connection.GetDatabase();
        Assert.Equal(expected, await db.SortedSetScoreAsync(keys.Watermarks("c-1"), "u-1"));
        Assert.Equal(expected, await db.SortedSetScoreAsync(keys.ReadBounds("c-1"), "u-1"));
    }

    [Fact]
    public async Task A_watermark_entry_without_a_member_entry_moves_a_current_member_up_and_ignores_others()
    {
        var (writer, keys) = Writer();
        var joined = Update(1) with { Members = [new ReceiptMember("u-1", true, 0, 2)] };
        var read = Update(2) with { Watermarks = [new ReceiptWatermark("u-1", 6), new ReceiptWatermark("u-stranger", 6)] };
        var stale = Update(3) with { Watermarks = [new ReceiptWatermark("u-1", 4)] };

        await writer.WriteAsync([joined, read, stale], TestContext.Current.CancellationToken);

        var db = redis.Connection.GetDatabase();
        Assert.Equal(6, await db.SortedSetScoreAsync(keys.Watermarks("c-1"), "u-1"));
        Assert.Null(await db.SortedSetScoreAsync(keys.Watermarks("c-1"), "u-stranger"));
    }

    private (RedisReceiptWriter Writer, RedisKeys Keys) Writer()
    {
        var options = new RedisOptions { KeyPrefix = redis.NewKeyPrefix() };
        return (new RedisReceiptWriter(redis.Connection, options), new RedisKeys(options.KeyPrefix));
    }

    private static ReceiptUpdate Update(long version) => new("c-1", version, ConversationKind.Group, 9, 9, 1, Now);
}
