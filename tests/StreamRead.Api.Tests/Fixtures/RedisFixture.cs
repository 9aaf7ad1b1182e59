using StackExchange.Redis;
using StreamRead.Api.Tests.Fixtures;
using StreamRead.LocalServices;
using Xunit;

[assembly: AssemblyFixture(typeof(RedisFixture))]

namespace StreamRead.Api.Tests.Fixtures;

/// <summary>
/// One Redis for the test assembly: the server named by <c>STREAMREAD_REDIS</c> (host:port) when
/// set, else a local redis-server on a free port in a temporary folder. Tests isolate themselves
/// with <see cref="NewKeyPrefix"/> (a valid <c>Redis:KeyPrefix</c>).
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "STREAMREAD_REDIS";

    private readonly List<string> _prefixes = [];
    private LocalRedisServer? _server;
    private DirectoryInfo? _folder;
    private ConnectionMultiplexer? _connection;

    public string Endpoint { get; private set; } = "";

    public ConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("the fixture is not initialized");

    /// <summary>A key prefix no other test uses; its keys are deleted at the end when the server is shared.</summary>
    public string NewKeyPrefix()
    {
        var prefix = $"t{Guid.NewGuid():N}"[..20];
        lock (_prefixes)
        {
            _prefixes.Add(prefix);
        }

        return prefix;
    }

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Endpoint = configured.Trim();
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("streamread-api-redis-");
            _server = new LocalRedisServer(new LocalServicesOptions { DataDirectory = _folder.FullName, Redis = { Port = 0 } });
            await _server.StartAsync(TestContext.Current.CancellationToken);
            Endpoint = _server.Endpoint;
        }

        _connection = await ConnectionMultiplexer.ConnectAsync(Endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null && _connection is not null)
        {
            // A shared server outlives the run: leave it as it was found.
            var server = _connection.GetServer(_connection.GetEndPoints()[0]);
            var keys = _prefixes.SelectMany(prefix => server.Keys(pattern: prefix + ":*")).ToArray();
            await _connection.GetDatabase().KeyDeleteAsync(keys);
        }

        _connection?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _folder?.Delete(recursive: true);
    }
}
