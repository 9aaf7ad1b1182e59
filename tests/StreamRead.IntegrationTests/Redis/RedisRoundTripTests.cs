using StackExchange.Redis;
using StreamRead.IntegrationTests.Fixtures;
using Xunit;

namespace StreamRead.IntegrationTests.Redis;

/// <summary>
/// What the Redis sinks rely on, checked on a real server through StackExchange.Redis 1.2.6
/// (the newest version the project can restore) against Redis 7.
/// </summary>
public sealed class RedisRoundTripTests(RedisServerFixture redis)
{
    private readonly IDatabase _db = redis.Connection.GetDatabase();

    [Fact]
    public async Task Strings_round_trip_and_increment()
    {
        var key = redis.NewKeyPrefix() + "s";

        await _db.StringSetAsync(key, "hello ünïcode");
        var value = await _db.StringGetAsync(key);
        await _db.StringSetAsync(key + ":n", 40);
        var incremented = await _db.StringIncrementAsync(key + ":n", 2);

        Assert.Equal("hello ünïcode", (string?)value);
        Assert.Equal(42, incremented);
    }

    [Fact]
    public async Task Hashes_keep_every_field()
    {
        var key = redis.NewKeyPrefix() + "h";

        await _db.HashSetAsync(key, [new HashEntry("u-1", 10), new HashEntry("u-2", 20)]);
        await _db.HashSetAsync(key, "u-1", 15);
        var all = (await _db.HashGetAllAsync(key)).ToDictionary(e => (string)e.Name!, e => (long)e.Value);

        Assert.Equal(new Dictionary<string, long> { ["u-1"] = 15, ["u-2"] = 20 }, all);
    }

    [Fact]
    public async Task Zadd_GT_only_raises_a_score()
    {
        // ZADD GT (Redis 6.2+) is how watermarks stay monotonic under replays (SPEC 2.1, 2.7);
        // 1.2.6 has no flag for it, so it goes through Execute.
        var key = redis.NewKeyPrefix() + "z";

        await _db.ExecuteAsync("ZADD", key, "GT", 100, "u-1");
        await _db.ExecuteAsync("ZADD", key, "GT", 50, "u-1");
        await _db.ExecuteAsync("ZADD", key, "GT", 120, "u-1");
        await _db.ExecuteAsync("ZADD", key, "GT", 7, "u-2");
        var range = await _db.SortedSetRangeByScoreWithScoresAsync(key);

        Assert.Equal([("u-2", 7.0), ("u-1", 120.0)], range.Select(e => ((string)e.Element!, e.Score)));
    }

    [Fact]
    public async Task Sorted_set_ranks_and_counts_by_score()
    {
        var key = redis.NewKeyPrefix() + "z";
        await _db.SortedSetAddAsync(key, [new SortedSetEntry("a", 1), new SortedSetEntry("b", 5), new SortedSetEntry("c", 9)]);

        var atLeastFive = await _db.SortedSetLengthAsync(key, 5, double.PositiveInfinity);
        var rankOfC = await _db.SortedSetRankAsync(key, "c", Order.Descending);

        Assert.Equal(2, atLeastFive);
        Assert.Equal(0, rankOfC);
    }

    [Fact]
    public async Task Lua_script_runs_by_EVAL_and_by_EVALSHA()
    {
        // The sinks apply "write only if the version is newer" atomically in Lua (SPEC 2.7).
        const string script = """
            local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
            if tonumber(ARGV[1]) > current then
              redis.call('HSET', KEYS[1], 'v', ARGV[1], 'value', ARGV[2])
              return 1
            end
            return 0
            """;
        var key = redis.NewKeyPrefix() + "versioned";
        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints()[0]);

        var byEval = (long)await _db.ScriptEvaluateAsync(script, [key], [2, "two"]);
        var sha = await server.ScriptLoadAsync(script);
        var staleBySha = (long)await _db.ScriptEvaluateAsync(sha, [key], [1, "one"]);
        var newerBySha = (long)await _db.ScriptEvaluateAsync(sha, [key], [3, "three"]);
        var unknownSha = await Assert.ThrowsAsync<RedisServerException>(
            () => _db.ScriptEvaluateAsync(new byte[20], [key], [4, "four"]));

        Assert.Equal([1, 0, 1], new[] { byEval, staleBySha, newerBySha });
        Assert.Equal("three", (string?)await _db.HashGetAsync(key, "value"));
        Assert.Contains("NOSCRIPT", unknownSha.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_sends_its_commands_together()
    {
        var prefix = redis.NewKeyPrefix();
        var batch = _db.CreateBatch();
        var writes = Enumerable.Range(0, 100).Select(i => batch.StringSetAsync(prefix + i, i)).ToArray();
        var count = batch.HashSetAsync(prefix + "count", "n", 100);
        batch.Execute();
        await Task.WhenAll(writes);
        await count;

        var values = await _db.StringGetAsync(Enumerable.Range(0, 100).Select(i => (RedisKey)(prefix + i)).ToArray());

        Assert.All(writes, w => Assert.True(w.Result));
        Assert.Equal(Enumerable.Range(0, 100), values.Select(v => (int)v));
    }

    [Fact]
    public async Task Execute_sends_any_raw_command()
    {
        var key = redis.NewKeyPrefix() + "raw";
        await _db.ExecuteAsync("SET", key, "v", "PX", 60_000);

        var ttl = (long)await _db.ExecuteAsync("PTTL", key);
        var encoding = (string?)await _db.ExecuteAsync("OBJECT", "ENCODING", key);

        Assert.InRange(ttl, 1, 60_000);
        Assert.Equal("embstr", encoding);
    }
}
