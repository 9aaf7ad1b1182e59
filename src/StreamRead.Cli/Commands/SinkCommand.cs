using System.CommandLine;
using StreamRead.Analytics.Hosting;
using StreamRead.Redis.Hosting;

namespace StreamRead.Cli.Commands;

/// <summary><c>streamread sink &lt;store&gt;</c>: consumers of the processor's outputs.</summary>
internal static class SinkCommand
{
    public static Command Create()
    {
        var command = new Command("sink", "Run a sink that writes the processor's outputs to a store.");
        command.Subcommands.Add(CreateRedis());
        command.Subcommands.Add(CreateClickHouse());
        return command;
    }

    private static Command CreateRedis()
    {
        var bootstrap = CommonOptions.BootstrapServers();
        var redis = CommonOptions.Redis();
        var prefix = CommonOptions.TopicPrefix();
        var command = new Command("redis", "Consume streamread.receipts into the Redis serving layout (README: Redis key layout).")
        {
            bootstrap,
            redis,
            prefix,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = CliHost.CreateBuilder(parse, CommonOptions.Overrides(parse,
                (bootstrap, ["Kafka:BootstrapServers"]),
                (redis, ["Redis:Configuration"]),
                (prefix, ["RedisSink:TopicPrefix"])));
            builder.Services.AddStreamReadRedisSink();
            using var host = builder.Build();
            return await ServiceHost.RunAsync(host, cancellationToken);
        });
        return command;
    }

    private static Command CreateClickHouse()
    {
        var bootstrap = CommonOptions.BootstrapServers();
        var clickHouse = CommonOptions.ClickHouse();
        var prefix = CommonOptions.TopicPrefix();
        var command = new Command(
            "clickhouse",
            "Consume streamread.analytics into ClickHouse (docs/analytics.md); applies the schema migrations at start.")
        {
            bootstrap,
            clickHouse,
            prefix,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = CliHost.CreateBuilder(parse, CommonOptions.Overrides(parse,
                (bootstrap, ["Kafka:BootstrapServers"]),
                (clickHouse, ["ClickHouse:Url"]),
                (prefix, ["ClickHouseSink:TopicPrefix"])));
            builder.Services.AddStreamReadClickHouseSink();
            using var host = builder.Build();
            return await ServiceHost.RunAsync(host, cancellationToken);
        });
        return command;
    }
}
