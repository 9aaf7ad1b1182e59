using System.Net;
using System.Net.Sockets;
using StreamRead.Kafka.Dev;
using StreamRead.LocalServices;

namespace StreamRead.Chaos;

/// <summary>
/// The services a chaos run breaks: a Kafka (the in-process dev broker unless one is given), a
/// local Redis and a local ClickHouse of its own on fixed ports (so a restart keeps the address),
/// and the <c>streamread</c> CLI that runs each processor as a child process to SIGKILL.
/// Scenarios share it one after the other, each with its own topic prefix, key prefix and database.
/// </summary>
public sealed class ChaosEnvironment : IAsyncDisposable
{
    private readonly DevBroker? _broker;
    private readonly Func<string, int, CancellationToken, Task> _createTopic;

    private ChaosEnvironment(
        string bootstrapServers, Func<string, int, CancellationToken, Task> createTopic, DevBroker? broker,
        LocalRedisServer redis, LocalClickHouseServer clickHouse, string cliPath, DirectoryInfo folder)
    {
        BootstrapServers = bootstrapServers;
        _createTopic = createTopic;
        _broker = broker;
        Redis = redis;
        ClickHouse = clickHouse;
        CliPath = cliPath;
        Folder = folder;
    }

    /// <summary>Where Kafka clients connect.</summary>
    public string BootstrapServers { get; }

    /// <summary>True on the dev broker (librdkafka's mock cluster): at most 5 MiB per partition.</summary>
    public bool IsDevBroker => _broker is not null;

    /// <summary>The local Redis (a scenario stops and restarts it).</summary>
    public LocalRedisServer Redis { get; }

    /// <summary>The local ClickHouse (a scenario stops and restarts it).</summary>
    public LocalClickHouseServer ClickHouse { get; }

    /// <summary>The CLI's <c>streamread.dll</c>, run with <c>dotnet</c> for each processor.</summary>
    public string CliPath { get; }

    /// <summary>The run's folder: server data and the processors' logs.</summary>
    public DirectoryInfo Folder { get; }

    /// <summary>Starts the services.</summary>
    /// <param name="cliPath">The CLI's <c>streamread.dll</c>.</param>
    /// <param name="folder">An empty folder for data and logs.</param>
    /// <param name="kafka">An existing Kafka (bootstrap servers, and how to create a topic); null starts a dev broker.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<ChaosEnvironment> StartAsync(
        string cliPath, DirectoryInfo folder, (string BootstrapServers, Func<string, int, CancellationToken, Task> CreateTopic)? kafka, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!File.Exists(cliPath))
        {
            throw new FileNotFoundException($"the streamread CLI is not at {cliPath}: build src/StreamRead.Cli first", cliPath);
        }

        DevBroker? broker = null;
        var bootstrap = kafka?.BootstrapServers;
        var createTopic = kafka?.CreateTopic;
        if (kafka is null)
        {
            broker = DevBroker.Start(new DevBrokerOptions { Port = 0 });
            bootstrap = broker.BootstrapServers;
            createTopic = (name, partitions, _) =>
            {
                broker.CreateTopic(name, partitions);
                return Task.CompletedTask;
            };
        }

        var services = new LocalServicesOptions
        {
            DataDirectory = folder.FullName,
            Redis = { Port = FreePort() },
            ClickHouse = { HttpPort = FreePort(), TcpPort = 0 },
        };
        var redis = new LocalRedisServer(services);
        var clickHouse = new LocalClickHouseServer(services);
        try
        {
            await redis.StartAsync(cancellationToken);
            await clickHouse.StartAsync(cancellationToken);
        }
        catch
        {
            await redis.DisposeAsync();
            await clickHouse.DisposeAsync();
            if (broker is not null)
            {
                await broker.DisposeAsync();
            }

            throw;
        }

        return new ChaosEnvironment(bootstrap!, createTopic!, broker, redis, clickHouse, cliPath, folder);
    }

    /// <summary>Creates a topic on the run's Kafka.</summary>
    public Task CreateTopicAsync(string name, int partitions, CancellationToken cancellationToken) => _createTopic(name, partitions, cancellationToken);

    /// <summary>Stops the services.</summary>
    public async ValueTask DisposeAsync()
    {
        await ClickHouse.DisposeAsync();
        await Redis.DisposeAsync();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
