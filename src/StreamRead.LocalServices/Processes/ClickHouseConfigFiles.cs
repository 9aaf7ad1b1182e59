using System.Globalization;
using System.Xml.Linq;

namespace StreamRead.LocalServices.Processes;

/// <summary>
/// Writes the minimal config.xml and users.xml a local clickhouse-server needs, every path inside
/// the service folder. Only elements that 18.16 (Debian's) and modern versions both understand:
/// the <c>yandex</c> root is what 18.16 requires and modern versions still accept.
/// </summary>
internal static class ClickHouseConfigFiles
{
    /// <summary>Writes both files into <paramref name="directory"/> and returns the config.xml path.</summary>
    public static string Write(string directory, int httpPort, int tcpPort)
    {
        string Folder(string name) => Path.Combine(directory, name) + "/";

        var config = new XElement("yandex",
            new XElement("logger",
                new XElement("level", "information"),
                new XElement("log", Path.Combine(directory, "log", "clickhouse-server.log")),
                new XElement("errorlog", ErrorLogPath(directory)),
                new XElement("size", "100M"),
                new XElement("count", "3")),
            new XElement("listen_host", "127.0.0.1"),
            new XElement("http_port", httpPort.ToString(CultureInfo.InvariantCulture)),
            new XElement("tcp_port", tcpPort.ToString(CultureInfo.InvariantCulture)),
            // On SIGTERM the server waits until idle keep-alive HTTP connections time out (10 s by
            // default on 18.16): keep that short so a stop takes seconds, as Debian's own config does.
            new XElement("keep_alive_timeout", "3"),
            new XElement("path", Folder("data")),
            new XElement("tmp_path", Folder("tmp")),
            new XElement("user_files_path", Folder("user_files")),
            new XElement("format_schema_path", Folder("format_schemas")),
            new XElement("users_config", "users.xml"),
            new XElement("default_profile", "default"),
            new XElement("default_database", "default"),
            // Fixed, so DateTime text and toStartOfDay mean the same on every developer machine.
            new XElement("timezone", "UTC"),
            new XElement("mark_cache_size", "268435456"));

        // One passwordless user reachable from loopback only: the server listens nowhere else.
        var users = new XElement("yandex",
            new XElement("profiles", new XElement("default")),
            new XElement("users",
                new XElement("default",
                    new XElement("password", ""),
                    new XElement("networks", new XElement("ip", "127.0.0.1"), new XElement("ip", "::1")),
                    new XElement("profile", "default"),
                    new XElement("quota", "default"))),
            new XElement("quotas", new XElement("default")));

        var configPath = Path.Combine(directory, "config.xml");
        new XDocument(config).Save(configPath);
        new XDocument(users).Save(Path.Combine(directory, "users.xml"));
        return configPath;
    }

    /// <summary>The server's own error log, quoted when it fails to start.</summary>
    public static string ErrorLogPath(string directory) => Path.Combine(directory, "log", "clickhouse-server.err.log");
}
