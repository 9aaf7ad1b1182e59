namespace StreamRead.LocalServices;

/// <summary>The local Redis server (configuration section <c>LocalServices:Redis</c>).</summary>
public sealed class LocalRedisOptions
{
    /// <summary>Whether <c>streamread services</c> starts it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The port on 127.0.0.1; 0 picks a free one. Not 6379, which a packaged Redis may hold.</summary>
    public int Port { get; set; } = 6380;

    /// <summary>The server binary: a name looked up on PATH (and the sbin folders) or a path.</summary>
    public string ServerPath { get; set; } = "redis-server";
}
