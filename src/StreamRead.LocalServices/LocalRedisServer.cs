using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamRead.LocalServices.Processes;

namespace StreamRead.LocalServices;

/// <summary>
/// A <c>redis-server</c> child process on 127.0.0.1 without persistence (<c>--save '' --appendonly no</c>):
/// StreamRead rebuilds Redis from its own state, so the local server keeps nothing on disk.
/// Its folder (<c>&lt;DataDirectory&gt;/redis</c>) holds the pid file and <c>redis-server.log</c>.
/// </summary>
public sealed class LocalRedisServer : ILocalService
{
    private const string Binary = "redis-server";

    private readonly LocalServicesOptions _options;
    private readonly ILogger _logger;
    private readonly string _directory;
    private readonly ServerProcess _server;

    /// <summary>Prepares (does not start) the server described by <paramref name="options"/>.</summary>
    public LocalRedisServer(LocalServicesOptions options, ILogger<LocalRedisServer>? logger = null)
    {
        _options = options;
        _logger = logger ?? NullLogger<LocalRedisServer>.Instance;
        _directory = options.ServiceDirectory("redis");
        _server = new ServerProcess(Binary, _directory, options.StopTimeout, _logger);
        Port = options.Redis.Port;
    }

    /// <inheritdoc />
    public string Name => "redis";

    /// <summary>The port on 127.0.0.1: the configured one, or the picked one once started when configured as 0.</summary>
    public int Port { get; private set; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, the form Redis clients take.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The folder holding this server's pid file and log.</summary>
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

        var binary = BinaryLocator.Find(_options.Redis.ServerPath, "redis-server", "LocalServices:Redis:ServerPath");
        DataFolder.Prepare(_directory);
        await _server.StopStaleAsync(cancellationToken);
        Port = Ports.Resolve(_options.Redis.Port, "LocalServices:Redis:Port", "--redis-port");

        Log.ServerStarting(_logger, Binary, binary, _directory);
        var clock = Stopwatch.StartNew();
        _server.Start(binary,
        [
            "--bind", "127.0.0.1",
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--save", "",
            "--appendonly", "no",
            "--dir", _directory,
            "--daemonize", "no",
        ]);
        await _server.WaitUntilReadyAsync(
            ct => Probes.RedisPingAsync(Port, ct), _options.StartTimeout, [_server.OutputLogPath], cancellationToken);
        Log.ServerReady(_logger, Binary, Endpoint, _server.Id ?? 0, clock.ElapsedMilliseconds);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _server.StopAsync(CancellationToken.None);
}
