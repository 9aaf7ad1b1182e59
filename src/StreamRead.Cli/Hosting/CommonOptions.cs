using System.CommandLine;

namespace StreamRead.Cli.Commands;

/// <summary>Options several service commands share, each mapped onto a configuration key.</summary>
internal static class CommonOptions
{
    public static Option<string?> BootstrapServers() => new("--bootstrap-servers")
    {
        Description = "Kafka bootstrap servers (default: Kafka:BootstrapServers, 127.0.0.1:9092)",
    };

    public static Option<string?> Redis() => new("--redis")
    {
        Description = "Redis configuration, e.g. 127.0.0.1:6380 (default: Redis:Configuration)",
    };

    public static Option<string?> ClickHouse() => new("--clickhouse")
    {
        Description = "ClickHouse HTTP URL, e.g. http://127.0.0.1:8124/ (default: ClickHouse:Url)",
    };

    public static Option<string?> TopicPrefix() => new("--topic-prefix")
    {
        Description = "Prefix of every topic name (default: none)",
    };

    /// <summary>Collects the given options' values as configuration overrides (unset ones are skipped).</summary>
    public static Dictionary<string, string?> Overrides(ParseResult parse, params (Option<string?> Option, string[] Keys)[] mappings)
    {
        var overrides = new Dictionary<string, string?>();
        foreach (var (option, keys) in mappings)
        {
            if (parse.GetValue(option) is { } value)
            {
                foreach (var key in keys)
                {
                    overrides[key] = value;
                }
            }
        }

        return overrides;
    }
}
