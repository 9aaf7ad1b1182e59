using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamRead.Analytics.Hosting;
using StreamRead.Api.Hosting;
using StreamRead.Kafka.Dev;
using StreamRead.LoadGen.Hosting;
using StreamRead.LoadGen.Workload;
using StreamRead.LocalServices;
using StreamRead.Redis.Hosting;
using StreamRead.Runtime.Hosting;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread up</c>: the whole pipeline on the embedded default, in one process: the dev
/// broker, local Redis and ClickHouse, the processor, the sinks, the API with the live page on
/// http://127.0.0.1:8080 and, unless <c>--no-demo</c>, the demo workload. Ctrl-C stops
/// everything, in reverse order of start, and leaves nothing running. Bound to loopback, it runs
/// without authentication unless API keys are configured (SPEC 4).
/// </summary>
internal static class UpCommand
{
    public const int DefaultPort = 8080;

    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Port of the API and the live page on 127.0.0.1",
            DefaultValueFactory = _ => DefaultPort,
        };
        var noDemo = new Option<bool>("--no-demo") { Description = "Start without the demo workload, so that external producers drive the pipeline" };
        var rate = new Option<double?>("--rate") { Description = "Messages per second of the demo workload (default 20)" };
        var kafkaPort = new Option<int>("--kafka-port")
        {
            Description = "Port of the embedded dev broker on 127.0.0.1",
            DefaultValueFactory = _ => DevBrokerOptions.DefaultPort,
        };
        var redisPort = new Option<int?>("--redis-port") { Description = "Port of the local Redis (default 6380)" };
        var clickHousePort = new Option<int?>("--clickhouse-port") { Description = "HTTP port of the local ClickHouse (default 8124)" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder for the servers' data and logs (default .streamread/)" };
        var command = new Command(
            "up",
            "Run the whole pipeline locally until Ctrl-C: dev broker, Redis, ClickHouse, processor, sinks, the API with a live page " +
            "on http://127.0.0.1:8080 and a demo workload (--no-demo for none).")
        {
            port, noDemo, rate, kafkaPort, redisPort, clickHousePort, data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // The host handles Ctrl-C/SIGTERM and stops every service in order; System.CommandLine
            // must not kill the process before that finished.
            parse.InvocationConfiguration.ProcessTerminationTimeout = null;
            var apiPort = CheckedPort(parse.GetValue(port));
            var demo = !parse.GetValue(noDemo);
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
                    overrides["LocalServices:Redis:Port"] = Port(CheckedPort(redis));
                }

                if (parse.GetValue(clickHousePort) is { } clickHouse)
                {
                    overrides["LocalServices:ClickHouse:HttpPort"] = Port(CheckedPort(clickHouse));
                }

                if (parse.GetValue(data) is { } folder)
                {
                    overrides["LocalServices:DataDirectory"] = folder.FullName;
                }

                if (parse.GetValue(rate) is { } messagesPerSecond)
                {
                    overrides["LoadGen:MessagesPerSecond"] = messagesPerSecond.ToString(CultureInfo.InvariantCulture);
                }

                var builder = CliHost.CreateWebBuilder(parse, overrides);
                var configuration = builder.Configuration;
                var local = configuration.GetSection(LocalServicesOptions.SectionName).Get<LocalServicesOptions>() ?? new LocalServicesOptions();
                // The pipeline talks to the local servers; set unless the user pointed elsewhere.
                configuration["Redis:Configuration"] ??= $"127.0.0.1:{local.Redis.Port}";
                configuration["ClickHouse:Url"] ??= $"http://127.0.0.1:{local.ClickHouse.HttpPort}/";
                // Loopback only, so no keys needed; configured keys switch authentication on.
                configuration["Api:Auth:Enabled"] ??= configuration.GetSection("Api:Auth:Keys").GetChildren().Any() ? "true" : "false";
                if (demo && !configuration.GetSection("Api:Page:ConversationIds").GetChildren().Any())
                {
                    for (var i = 0; i < DemoWorkload.FeaturedConversationIds.Count; i++)
                    {
                        configuration[$"Api:Page:ConversationIds:{i}"] = DemoWorkload.FeaturedConversationIds[i];
                    }

                    configuration["Api:Page:UserId"] ??= DemoWorkload.FeaturedUserId;
                }

                builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, apiPort));

                // Registration order is start order (and reverse stop order): servers first, the
                // workload last; the web server itself starts after every service.
                builder.Services.AddStreamReadLocalServices();
                builder.Services.AddStreamReadProcessor();
                builder.Services.AddStreamReadRedisSink();
                builder.Services.AddStreamReadClickHouseSink();
                builder.Services.AddStreamReadApi();
                if (demo)
                {
                    builder.Services.AddStreamReadLoadGen();
                }

                builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
                await using var app = builder.Build();
                ServiceHost.Configure(() => app.MapStreamReadApi());
                try
                {
                    await app.StartAsync(cancellationToken);
                }
                catch (Exception e) when (e is LocalServiceException || e.InnerException is LocalServiceException)
                {
                    throw new CliException((e as LocalServiceException ?? (LocalServiceException)e.InnerException!).Message, e);
                }
                catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
                {
                    throw new CliException($"port {apiPort} on 127.0.0.1 is taken (another 'streamread up'?): stop that program or pass --port <free port>", e);
                }

                var output = parse.InvocationConfiguration.Output;
                var auth = configuration["Api:Auth:Enabled"] == "true" ? "bearer keys required" : "no auth, loopback only";
                output.WriteLine("StreamRead is up:");
                output.WriteLine($"  live page           http://127.0.0.1:{apiPort}/");
                output.WriteLine($"  API                 http://127.0.0.1:{apiPort}/v1  ({auth}; OpenAPI at /openapi/v1.json, metrics at /metrics)");
                output.WriteLine($"  Kafka (dev broker)  {broker.BootstrapServers}  ({broker.Topics.Count} topics)");
                output.WriteLine($"  Redis               {app.Services.GetRequiredService<LocalRedisServer>().Endpoint}");
                output.WriteLine($"  ClickHouse          {app.Services.GetRequiredService<LocalClickHouseServer>().Endpoint}");
                output.WriteLine(demo
                    ? "  processor, Redis sink, push and demo workload running (--no-demo for none); Ctrl-C stops everything"
                    : "  processor, Redis sink and push running, no demo workload: produce to chat.* yourself; Ctrl-C stops everything");
                await app.WaitForShutdownAsync(cancellationToken);
                return ServiceFailures(app);
            }
        });
        return command;
    }

    private static int CheckedPort(int port) =>
        port is > 0 and < 65536 ? port : throw new CliException($"port {port} is not usable here: up needs fixed ports between 1 and 65535");

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static int ServiceFailures(IHost host) =>
        host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Any(s => s.ExecuteTask is { IsFaulted: true })
            ? 1
            : Environment.ExitCode;
}
