using System.Reflection;
using StackExchange.Redis;

namespace StreamRead.Redis.Scripts;

/// <summary>
/// The Lua scripts of the serving layer, loaded from embedded resources and run by SHA1
/// (EVALSHA). A server that lost its script cache (restarted) gets them again transparently.
/// </summary>
internal sealed class RedisScripts
{
    public static readonly RedisScripts Instance = new();

    private RedisScripts()
    {
        ApplyConversation = Load("apply-conversation");
        ApplyBadge = Load("apply-badge");
        Receipt = Load("receipt");
        Readers = Load("readers");
    }

    public string ApplyConversation { get; }

    public string ApplyBadge { get; }

    public string Receipt { get; }

    public string Readers { get; }

    private static string Load(string name)
    {
        var resource = $"StreamRead.Redis.Scripts.{name}.lua";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded script {resource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
