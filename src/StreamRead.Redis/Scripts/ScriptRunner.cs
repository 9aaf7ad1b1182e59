using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace StreamRead.Redis.Scripts;

/// <summary>
/// Runs a Lua script by its SHA1 (EVALSHA, so the script text is not resent per call) and falls
/// back to EVAL when the server does not know it yet (first call, or a restarted server).
/// </summary>
internal sealed class ScriptRunner(string script)
{
    private readonly byte[] _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(script));

    public async Task<RedisResult> RunAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await database.ScriptEvaluateAsync(_sha1, keys, values).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(script, keys, values).ConfigureAwait(false);
        }
    }

    /// <summary>Queues the script on a batch; the caller retries with <see cref="RunAsync"/> on NOSCRIPT.</summary>
    public Task<RedisResult> Queue(IBatch batch, RedisKey[] keys, RedisValue[] values) =>
        batch.ScriptEvaluateAsync(_sha1, keys, values);

    /// <summary>Makes sure the server has the script, so batched EVALSHA calls succeed.</summary>
    public Task LoadAsync(IDatabaseAsync database) =>
        database.ExecuteAsync("SCRIPT", "LOAD", script);

    public static bool IsNoScript(Exception e) =>
        e is RedisServerException && e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal);
}
