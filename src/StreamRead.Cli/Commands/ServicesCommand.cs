using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamRead.LocalServices;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread services</c>: runs Redis and ClickHouse as child processes of this command (no
/// Docker, no systemd) until Ctrl-C or SIGTERM, then stops them; nothing is left running.
/// </summary>
internal static class ServicesCommand
{
    public static Command Create()
    {
        var redisPort = new Option<int?>("--redis-port")
        {
            Description = "Redis port on 127.0.0.1 (default 6380, setting LocalServices:Redis:Port; 0 picks a free port)",
        };
        var clickHousePort = new Option<int?>("--clickhouse-port")
        {
            Description = "ClickHouse HTTP port on 127.0.0.1 (default 8124, setting LocalServices:ClickHouse:HttpPort; 0 picks a free port)",
        };
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "Folder for the servers' data, logs and pid files (default .streamread/ at the repository root)",
        };
        var command = new Command("services", "Run Redis and ClickHouse locally until Ctrl-C, then stop them")
        {
            redisPort, clickHousePort, data,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            // The host's console lifetime turns Ctrl-C and SIGTERM into a clean stop. System.CommandLine's
            // own handler would end the process 2 s later, before ClickHouse has shut down (~2 s on 18.16).
            parse.InvocationConfiguration.ProcessTerminationTimeout = null;

            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(redisPort) is { } redis)
            {
                overrides["LocalServices:Redis:Port"] = redis.ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(clickHousePort) is { } clickHouse)
            {
                overrides["LocalServices:ClickHouse:HttpPort"] = clickHouse.ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(data) is { } folder)
            {
                overrides["LocalServices:DataDirectory"] = folder.FullName;
            }

            var builder = CliHost.CreateBuilder(parse, overrides);
            builder.Services.AddStreamReadLocalServices();
            // A failed start is reported once, as the CliException below, not also by the host's log.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
            using var host = builder.Build();
            var options = host.Services.GetRequiredService<IOptions<LocalServicesOptions>>().Value;
            if (!options.Redis.Enabled && !options.ClickHouse.Enabled)
            {
                throw new CliException("LocalServices:Redis:Enabled and LocalServices:ClickHouse:Enabled are both false: enable at least one");
            }

            try
            {
                await host.StartAsync(cancellationToken);
            }
            catch (Exception e) when (FindLocalServiceException(e) is { } failure)
            {
                throw new CliException(failure.Message, failure);
            }

            PrintEndpoints(parse.InvocationConfiguration.Output, host.Services, options);
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static void PrintEndpoints(TextWriter output, IServiceProvider services, LocalServicesOptions options)
    {
        var redis = services.GetRequiredService<LocalRedisServer>();
        var clickHouse = services.GetRequiredService<LocalClickHouseServer>();
        var variables = new List<string>();
        if (options.Redis.Enabled)
        {
            output.WriteLine($"Redis       {redis.Endpoint}  (folder {redis.Directory})");
            variables.Add($"STREAMREAD_REDIS={redis.Endpoint}");
        }

        if (options.ClickHouse.Enabled)
        {
            output.WriteLine($"ClickHouse  {clickHouse.Endpoint}  (native port {clickHouse.TcpPort}, folder {clickHouse.Directory})");
            variables.Add($"STREAMREAD_CLICKHOUSE_URL={clickHouse.Endpoint}");
        }

        output.WriteLine($"The integration tests use these servers when run with: {string.Join(' ', variables)}");
        output.WriteLine("Press Ctrl-C to stop them.");
    }

    private static LocalServiceException? FindLocalServiceException(Exception exception) => exception switch
    {
        LocalServiceException local => local,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindLocalServiceException).FirstOrDefault(e => e is not null),
        _ => null,
    };
}
