using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using StackExchange.Redis;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.LocalServices;
using Xunit;

[assembly: AssemblyFixture(typeof(RedisServerFixture))]

namespace StreamRead.IntegrationTests.Fixtures;

/// <summary>
/// One Redis for the whole test assembly: the server named by <c>STREAMREAD_REDIS</c> (host:port)
/// when set, else a local redis-server on a free port in a temporary folder, stopped at the end.
/// Tests isolate themselves with <see cref="KeyPrefix"/>.
/// </summary>
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

    /// <summary>A key prefix no other test uses, e.g. <c>test:Strings_round_trip:3f2a...:</c>; its keys are deleted at the end.</summary>
    public string KeyPrefix([CallerMemberName] string test = "")
    {
        var prefix = $"test:{test}:{Guid.NewGuid():N}:";
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
