using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using StreamRead.Redis;
using StreamRead.Redis.Sink;
using Xunit;

namespace StreamRead.IntegrationTests.Redis;

/// <summary>
/// The conversation script's hot-window counts (apply-conversation.lua): counts and evictions go
/// to Redis in variadic calls, so every entry must land whatever the list's size, including lists
/// longer than one call can carry.
/// </summary>
public sealed class ConversationScriptCountsTests(RedisServerFixture redis)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

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

    private static ReceiptUpdate Update(long version, long lastSeq) => new("c-1", version, ConversationKind.Group, lastSeq, lastSeq, 1, Now);
}
