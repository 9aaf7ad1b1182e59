using System.Collections.Concurrent;
using StreamRead.ClickHouse;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.LocalServices;
using Xunit;

[assembly: AssemblyFixture(typeof(ClickHouseServerFixture))]

namespace StreamRead.IntegrationTests.Fixtures;

/// <summary>
/// One ClickHouse for the whole test assembly: the server at <c>STREAMREAD_CLICKHOUSE_URL</c> when
/// set, else a local clickhouse-server on free ports in a temporary folder, stopped at the end.
/// Tests isolate themselves with a database of their own (<see cref="CreateDatabaseAsync"/>),
/// dropped when the fixture ends.
/// </summary>
public sealed class ClickHouseServerFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming an existing ClickHouse HTTP interface to test against.</summary>
    public const string EnvironmentVariable = "STREAMREAD_CLICKHOUSE_URL";

    private readonly HttpClient _http = new();
    private readonly ConcurrentBag<string> _databases = [];
    private LocalClickHouseServer? _server;
    private DirectoryInfo? _folder;

    /// <summary>The server's HTTP interface.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A client for <paramref name="database"/> (which may not exist yet).</summary>
    public ClickHouseClient Client(string database) =>
        new(_http, new ClickHouseOptions { Url = Url, Database = database });

    /// <summary>Creates a database only the calling test uses and returns a client working in it.</summary>
    public async Task<ClickHouseClient> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var client = Client(NewDatabaseName());
        await client.EnsureDatabaseAsync(cancellationToken);
        return client;
    }

    /// <summary>A fresh database name, dropped when the fixture ends.</summary>
    public string NewDatabaseName()
    {
        var name = $"test_{Guid.NewGuid():N}";
        _databases.Add(name);
        return name;
    }

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Url = new Uri(configured.Trim());
            return;
        }

        _folder = Directory.CreateTempSubdirectory("streamread-clickhouse-");
        _server = new LocalClickHouseServer(new LocalServicesOptions
        {
            DataDirectory = _folder.FullName,
            ClickHouse = { HttpPort = 0, TcpPort = 0 },
        });
        await _server.StartAsync(TestContext.Current.CancellationToken);
        Url = _server.HttpUrl;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            // A shared server outlives the run: leave it as it was found.
            foreach (var database in _databases)
            {
                await Client("default").ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(database)}", CancellationToken.None);
            }
        }

        // Close the connections first: the server would wait for them to time out before stopping.
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _folder?.Delete(recursive: true);
    }
}
