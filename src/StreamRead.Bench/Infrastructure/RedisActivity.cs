namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// What Redis did between two points: dataset changes (<c>rdb_changes_since_last_save</c>, the
/// server's own count of modified keys and fields, which replicas and the AOF receive), calls of
/// write commands (those inside Lua scripts included, as INFO commandstats counts them), and memory.
/// </summary>
internal sealed class RedisActivity
{
    /// <summary>Commands that modify data, as the bench's designs use them.</summary>
    private static readonly string[] WriteCommands = ["hset", "hsetnx", "hdel", "hmset", "zadd", "zrem", "sadd", "srem", "set", "del", "incr", "hincrby"];

    private readonly BenchServices _services;
    private readonly long _changes;
    private readonly long _memory;

    private RedisActivity(BenchServices services)
    {
        _services = services;
        services.RedisResetStats();
        _changes = services.RedisInfoNumber("persistence", "rdb_changes_since_last_save");
        _memory = services.RedisInfoNumber("memory", "used_memory");
    }

    public static RedisActivity Start(BenchServices services) => new(services);

    public long Changes => _services.RedisInfoNumber("persistence", "rdb_changes_since_last_save") - _changes;

    public long MemoryGrowth => _services.RedisInfoNumber("memory", "used_memory") - _memory;

    /// <summary>Calls of write commands since the start, by command.</summary>
    public Dictionary<string, long> WriteCalls() =>
        _services.RedisCommandCalls().Where(c => WriteCommands.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value);

    /// <summary>Calls of every command since the start (scripts and the commands they ran both count).</summary>
    public long AllCalls() => _services.RedisCommandCalls().Where(c => c.Key is not ("info" or "config")).Sum(c => c.Value);
}
