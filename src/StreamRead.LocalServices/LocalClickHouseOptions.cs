namespace StreamRead.LocalServices;

/// <summary>The local ClickHouse server (configuration section <c>LocalServices:ClickHouse</c>).</summary>
public sealed class LocalClickHouseOptions
{
    /// <summary>Whether <c>streamread services</c> starts it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The HTTP port on 127.0.0.1; 0 picks a free one. Not 8123, which a packaged ClickHouse may hold.</summary>
    public int HttpPort { get; set; } = 8124;

    /// <summary>The native protocol port (for <c>clickhouse-client --port</c>); 0 picks a free one. Not 9000 (same reason).</summary>
    public int TcpPort { get; set; } = 9010;

    /// <summary>The server binary: a name looked up on PATH (and the sbin folders) or a path.</summary>
    public string ServerPath { get; set; } = "clickhouse-server";
}
