using System.Collections.Concurrent;
using StackExchange.Redis;
using StreamRead.LocalServices;
using StreamRead.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(RedisServerFixture))]

namespace StreamRead.Testing;

/// <summary>
/// One Redis for the whole test assembly: the server named by <c>STREAMREAD_REDIS</c> (host:port)
/// when set, else a local redis-server on a free port in a temporary folder, stopped at the end.
/// Tests isolate themselves with <see cref="NewKeyPrefix"/>.
/// </summary>
/// <remarks>Compiled into each test project that uses Redis (a linked file), so each assembly has its own.</remarks>
public sealed class RedisServerFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming an existing Redis (host:port) to test against.</summary>
    public const string EnvironmentVariable = "STREAMREAD_REDIS";

    private readonly ConcurrentBag<string> _prefixes = [];
    private LocalRedisServer? _server;
    private DirectoryInfo? _folder;
    private ConnectionMultiplexer? _connection;

    /// <summary>The server's host:port.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>A connection shared by the tests (StackExchange.Redis multiplexes it).</summary>
    public ConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("the fixture is not initialized");

    /// <summary>
    /// A key prefix no other test uses, valid as <c>Redis:KeyPrefix</c> (e.g. <c>t3f2a...</c>, 20
    /// characters, so none is the start of another); its keys are deleted at the end when the server is shared.
    /// </summary>
    public string NewKeyPrefix()
    {
        var prefix = $"t{Guid.NewGuid():N}"[..20];
        _prefixes.Add(prefix);
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
            _folder = Directory.CreateTempSubdirectory("streamread-redis-");
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
            var keys = _prefixes.SelectMany(prefix => server.Keys(pattern: prefix + "*")).ToArray();
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
