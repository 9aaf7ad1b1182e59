using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamRead.Analytics.Hosting;
using StreamRead.Kafka.Dev;
using StreamRead.LocalServices;
using StreamRead.Redis.Hosting;
using StreamRead.Runtime.Hosting;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread up</c>: the whole pipeline on the embedded default, in one process: the dev
/// broker, local Redis and ClickHouse, the processor and the sinks. Ctrl-C stops everything,
/// in reverse order of start, and leaves nothing running.
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var kafkaPort = new Option<int>("--kafka-port")
        {
            Description = "Port of the embedded dev broker on 127.0.0.1",
            DefaultValueFactory = _ => DevBrokerOptions.DefaultPort,
        };
        var redisPort = new Option<int?>("--redis-port") { Description = "Port of the local Redis (default 6380)" };
        var clickHousePort = new Option<int?>("--clickhouse-port") { Description = "HTTP port of the local ClickHouse (default 8124)" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder for the servers' data and logs (default .streamread/)" };
        var command = new Command("up", "Run the whole pipeline locally: dev broker, Redis, ClickHouse, processor and sinks, until Ctrl-C.")
        {
            kafkaPort, redisPort, clickHousePort, data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // The host handles Ctrl-C/SIGTERM and stops every service in order; System.CommandLine
            // must not kill the process before that finished.
            parse.InvocationConfiguration.ProcessTerminationTimeout = null;
            var catalog = TopicsCommand.LoadCatalog(null);
            DevBroker broker;
            try
            {
                broker = DevBroker.Start(new DevBrokerOptions { Port = parse.GetValue(kafkaPort), Catalog = catalog });
            }
            catch (DevBrokerException e)
            {
                throw new CliException(e.Message, e);
            }

            await using (broker)
            {
                var overrides = new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = broker.BootstrapServers };
                if (parse.GetValue(redisPort) is { } redis)
                {
                    overrides["LocalServices:Redis:Port"] = Port(redis);
                }

                if (parse.GetValue(clickHousePort) is { } clickHouse)
                {
                    overrides["LocalServices:ClickHouse:HttpPort"] = Port(clickHouse);
                }

                if (parse.GetValue(data) is { } folder)
                {
                    overrides["LocalServices:DataDirectory"] = folder.FullName;
                }

                var builder = CliHost.CreateBuilder(parse, overrides);
                var local = builder.Configuration.GetSection(LocalServicesOptions.SectionName).Get<LocalServicesOptions>() ?? new LocalServicesOptions();
                // The pipeline talks to the local servers; set unless the user pointed elsewhere.
                builder.Configuration["Redis:Configuration"] ??= $"127.0.0.1:{local.Redis.Port}";
                builder.Configuration["ClickHouse:Url"] ??= $"http://127.0.0.1:{local.ClickHouse.HttpPort}/";

                // Registration order is start order (and reverse stop order): servers first.
                builder.Services.AddStreamReadLocalServices();
                builder.Services.AddStreamReadProcessor();
                builder.Services.AddStreamReadRedisSink();
                builder.Services.AddStreamReadClickHouseSink();
                builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
                using var host = builder.Build();
                try
                {
                    await host.StartAsync(cancellationToken);
                }
                catch (Exception e) when (e is LocalServiceException || e.InnerException is LocalServiceException)
                {
                    throw new CliException((e as LocalServiceException ?? (LocalServiceException)e.InnerException!).Message, e);
                }

                var output = parse.InvocationConfiguration.Output;
                output.WriteLine("StreamRead is up:");
                output.WriteLine($"  Kafka (dev broker)  {broker.BootstrapServers}  ({broker.Topics.Count} topics)");
                output.WriteLine($"  Redis               {host.Services.GetRequiredService<LocalRedisServer>().Endpoint}");
                output.WriteLine($"  ClickHouse          {host.Services.GetRequiredService<LocalClickHouseServer>().Endpoint}");
                output.WriteLine("  processor and Redis sink running; Ctrl-C stops everything");
                await host.WaitForShutdownAsync(cancellationToken);
                return ServiceFailures(host);
            }
        });
        return command;
    }

    private static string Port(int port) =>
        port is > 0 and < 65536 ? port.ToString(CultureInfo.InvariantCulture)
        : throw new CliException($"port {port} is not usable here: up needs fixed ports between 1 and 65535");

    private static int ServiceFailures(IHost host) =>
        host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Any(s => s.ExecuteTask is { IsFaulted: true })
            ? 1
            : Environment.ExitCode;
}
