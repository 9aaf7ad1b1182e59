using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamRead.LocalServices.Processes;

namespace StreamRead.LocalServices;

/// <summary>
/// A <c>clickhouse-server</c> child process on 127.0.0.1 started from a generated minimal config.
/// Its folder (<c>&lt;DataDirectory&gt;/clickhouse</c>) holds config.xml, users.xml, the data (kept
/// across runs), <c>log/</c>, the pid file and <c>clickhouse-server.log</c> (standard output).
/// </summary>
public sealed class LocalClickHouseServer : ILocalService
{
    private const string Binary = "clickhouse-server";

    private readonly LocalServicesOptions _options;
    private readonly ILogger _logger;
    private readonly string _directory;
    private readonly ServerProcess _server;

    /// <summary>Prepares (does not start) the server described by <paramref name="options"/>.</summary>
    public LocalClickHouseServer(LocalServicesOptions options, ILogger<LocalClickHouseServer>? logger = null)
    {
        _options = options;
        _logger = logger ?? NullLogger<LocalClickHouseServer>.Instance;
        _directory = options.ServiceDirectory("clickhouse");
        _server = new ServerProcess(Binary, _directory, options.StopTimeout, _logger);
        HttpPort = options.ClickHouse.HttpPort;
        TcpPort = options.ClickHouse.TcpPort;
    }

    /// <inheritdoc />
    public string Name => "clickhouse";

    /// <summary>The HTTP port on 127.0.0.1 (the configured one, or the picked one once started when configured as 0).</summary>
    public int HttpPort { get; private set; }

    /// <summary>The native protocol port on 127.0.0.1, for <c>clickhouse-client --port</c>.</summary>
    public int TcpPort { get; private set; }

    /// <summary>The HTTP interface, e.g. <c>http://127.0.0.1:8124/</c>: the URL for <c>ClickHouse:Url</c>.</summary>
    public Uri HttpUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}/"));

    /// <summary>The HTTP URL as text.</summary>
    public string Endpoint => HttpUrl.ToString();

    /// <summary>The folder holding this server's config, data, logs and pid file.</summary>
    public string Directory => _directory;

    /// <inheritdoc />
    public bool IsRunning => _server.IsRunning;

    /// <inheritdoc />
    public int? ProcessId => _server.Id;

    /// <summary>False when a Generic Host owns shutdown (see <see cref="ServerProcess.StopOnTerminationSignal"/>).</summary>
    internal bool StopOnTerminationSignal
    {
        get => _server.StopOnTerminationSignal;
        set => _server.StopOnTerminationSignal = value;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running (pid {ProcessId}): stop it before starting it again");
        }

        var binary = BinaryLocator.Find(_options.ClickHouse.ServerPath, "clickhouse-server", "LocalServices:ClickHouse:ServerPath");
        DataFolder.Prepare(_directory);
        await _server.StopStaleAsync(cancellationToken);
        HttpPort = Ports.Resolve(_options.ClickHouse.HttpPort, "LocalServices:ClickHouse:HttpPort", "--clickhouse-port");
        TcpPort = Ports.Resolve(_options.ClickHouse.TcpPort, "LocalServices:ClickHouse:TcpPort", null, HttpPort);

        Log.ServerStarting(_logger, Binary, binary, _directory);
        var clock = Stopwatch.StartNew();
        var configPath = ClickHouseConfigFiles.Write(_directory, HttpPort, TcpPort);
        _server.Start(binary, ["--config-file=" + configPath]);
        await _server.WaitUntilReadyAsync(
            ct => Probes.ClickHousePingAsync(HttpUrl, ct),
            _options.StartTimeout,
            [_server.OutputLogPath, ClickHouseConfigFiles.ErrorLogPath(_directory)],
            cancellationToken);
        Log.ServerReady(_logger, Binary, Endpoint, _server.Id ?? 0, clock.ElapsedMilliseconds);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _server.StopAsync(CancellationToken.None);
}
