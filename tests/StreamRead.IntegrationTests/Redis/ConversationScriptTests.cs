using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using StreamRead.Redis;
using StreamRead.Redis.Sink;
using Xunit;

namespace StreamRead.IntegrationTests.Redis;

/// <summary>
/// What apply-conversation.lua does beyond the serving contract the API tests pin:
/// <list type="bullet">
/// <item>A watermark entry equal to the same update's member entry is skipped as already written,
/// and every other one still moves the who-read sorted sets up only.</item>
/// <item>Hot-window counts and evictions go to Redis in variadic calls, so every entry must land
/// whatever the list's size, including lists longer than one call can carry.</item>
/// </list>
/// </summary>
public sealed class ConversationScriptTests(RedisServerFixture redis)
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

    [Fact]
    public async Task Counts_are_stored_as_read_colon_eligible_and_evicted_seqs_are_removed()
    {
        var (writer, keys) = Writer();
        var first = Update(1, lastSeq: 5) with { Counts = [.. Enumerable.Range(1, 5).Select(s => Count(s, read: s - 1, eligible: 9))] };
        var second = Update(2, lastSeq: 5) with { Evicted = [1, 2], Counts = [Count(3, read: 7, eligible: 9)] };

        await writer.WriteAsync([first, second], TestContext.Current.CancellationToken);

        var stored = await redis.Connection.GetDatabase().HashGetAllAsync(keys.Counts("c-1"));
        Assert.Equal(
            new Dictionary<string, string> { ["3"] = "7:9", ["4"] = "3:9", ["5"] = "4:9" },
            stored.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(1_000)]
    [InlineData(5_001)] // more than unpack's stack holds in one call
    public async Task Every_count_and_eviction_of_a_long_list_lands(int length)
    {
        var (writer, keys) = Writer();
        var counts = Update(1, lastSeq: length) with { Counts = [.. Enumerable.Range(1, length).Select(s => Count(s, read: s, eligible: s + 1))] };
        var evictions = Update(2, lastSeq: length) with { Evicted = [.. Enumerable.Range(1, length - 1).Select(s => (long)s)] };

        await writer.WriteAsync([counts], TestContext.Current.CancellationToken);
        var db = redis.Connection.GetDatabase();
        var stored = (await db.HashGetAllAsync(keys.Counts("c-1"))).ToDictionary(e => (long)e.Name, e => e.Value.ToString());
        await writer.WriteAsync([evictions], TestContext.Current.CancellationToken);
        var left = await db.HashKeysAsync(keys.Counts("c-1"));

        Assert.Equal(length, stored.Count);
        Assert.All(stored, e => Assert.Equal($"{e.Key}:{e.Key + 1}", e.Value));
        Assert.Equal([(long)length], left.Select(k => (long)k));
    }

    private (RedisReceiptWriter Writer, RedisKeys Keys) Writer()
    {
        var options = new RedisOptions { KeyPrefix = redis.NewKeyPrefix() };
        return (new RedisReceiptWriter(redis.Connection, options), new RedisKeys(options.KeyPrefix));
    }

    private static ReceiptCount Count(long seq, long read, long eligible) => new(seq, read, eligible - read, eligible);

    private static ReceiptUpdate Update(long version, long lastSeq = 9) => new("c-1", version, ConversationKind.Group, lastSeq, lastSeq, 1, Now);
}
