using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace StreamRead.LocalServices.Processes;

/// <summary>
/// One supervised server process: started as a child of this process, recorded in a pid file,
/// probed until ready, stopped with SIGTERM then SIGKILL after a grace period, and stopped as
/// well when this process ends: on normal exit (AppDomain ProcessExit) and, unless a Generic
/// Host owns shutdown, on SIGTERM, SIGINT and SIGHUP, which .NET otherwise obeys without
/// raising ProcessExit.
/// </summary>
/// <remarks>
/// The server runs as <c>sh -c 'exec server args &gt;log 2&gt;&amp;1'</c>: the shell only sets up the
/// redirection and then becomes the server (same pid), so its output lands in a file without a
/// pipe that this process would have to drain, and without tying the server to our stdout.
/// </remarks>
internal sealed class ServerProcess : IDisposable
{
    private const string LogVariable = "STREAMREAD_SERVER_LOG";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly string _name;
    private readonly string _directory;
    private readonly TimeSpan _stopTimeout;
    private readonly ILogger _logger;
    private readonly PidFile _pidFile;
    private readonly Lock _gate = new();
    private Process? _process;
    private long _startTime;
    private PosixSignalRegistration[] _signalRegistrations = [];

    /// <param name="name">The server binary's name (e.g. <c>redis-server</c>): names files and messages, and identifies a stale process.</param>
    /// <param name="directory">The folder holding the pid file and output log.</param>
    /// <param name="stopTimeout">How long a server may take to stop after SIGTERM before it is killed.</param>
    /// <param name="logger">Where starts and stops are logged.</param>
    public ServerProcess(string name, string directory, TimeSpan stopTimeout, ILogger logger)
    {
        _name = name;
        _directory = directory;
        _stopTimeout = stopTimeout;
        _logger = logger;
        _pidFile = new PidFile(Path.Combine(directory, name + ".pid"));
        OutputLogPath = Path.Combine(directory, name + ".log");
    }

    /// <summary>The file receiving the server's standard output and error (truncated at each start).</summary>
    public string OutputLogPath { get; }

    /// <summary>The running server's pid, or null.</summary>
    public int? Id
    {
        get
        {
            var process = _process;
            return process is { HasExited: false } ? process.Id : null;
        }
    }

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Whether a termination signal stops the server at once (the default). A Generic Host turns
    /// signals into an orderly shutdown that stops the server last, after the services that still
    /// write to it, so its hosted service sets this to false.
    /// </summary>
    public bool StopOnTerminationSignal { get; set; } = true;

    /// <summary>
    /// Stops the server a killed owner left running: the pid file names a live process whose
    /// command line is this server's, and whose owner is gone. Removes a pid file that names
    /// anything else, and refuses to go on while the recorded owner still runs.
    /// </summary>
    public async Task StopStaleAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_pidFile.Path))
        {
            return;
        }

        if (_pidFile.Read() is not { } stale)
        {
            Log.StalePidFileRemoved(_logger, _name, _pidFile.Path, "unreadable");
        }
        else if (!ProcFs.IsAlive(stale.ServerPid, stale.ServerStartTime))
        {
            Log.StalePidFileRemoved(_logger, _name, _pidFile.Path, $"process {stale.ServerPid} is gone");
        }
        else if (!ProcFs.CommandLine(stale.ServerPid).Contains(_name, StringComparison.Ordinal))
        {
            // Same pid and start time but another program should be impossible; never signal it.
            Log.StalePidFileRemoved(_logger, _name, _pidFile.Path, $"process {stale.ServerPid} is not {_name}");
        }
        else if (ProcFs.IsAlive(stale.OwnerPid, stale.OwnerStartTime))
        {
            throw new LocalServiceException(
                $"the data folder {_directory} is in use: {_name} (pid {stale.ServerPid}) belongs to the running process {stale.OwnerPid} " +
                $"({ProcFs.CommandLine(stale.OwnerPid)}): stop that process, or choose another folder with LocalServices:DataDirectory / --data");
        }
        else
        {
            Log.StaleServerStopping(_logger, _name, stale.ServerPid, _pidFile.Path);
            await TerminateAsync(stale.ServerPid, stale.ServerStartTime, cancellationToken);
        }

        _pidFile.Delete();
    }

    /// <summary>Starts <paramref name="binary"/> with <paramref name="arguments"/> in the service folder.</summary>
    public void Start(string binary, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        startInfo.ArgumentList.Add("-c");
        // setsid: the server gets its own session, so a terminal's Ctrl-C (sent to the whole
        // foreground process group) reaches only the owner, which stops the server last, after the
        // services still writing to it. exec keeps the pid the server's own throughout.
        startInfo.ArgumentList.Add($"exec setsid \"$0\" \"$@\" </dev/null >\"${LogVariable}\" 2>&1");
        startInfo.ArgumentList.Add(binary);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment[LogVariable] = OutputLogPath;

        lock (_gate)
        {
            if (_process is not null)
            {
                throw new InvalidOperationException($"{_name} is already started");
            }

            var process = Process.Start(startInfo)
                ?? throw new LocalServiceException($"could not start {binary}: check that /bin/sh exists");
            _process = process;
            _startTime = ProcFs.StartTime(process.Id) ?? -1;
            if (_startTime >= 0 && ProcFs.StartTime(Environment.ProcessId) is { } ownerStartTime)
            {
                _pidFile.Write(new PidFile.Entry(process.Id, _startTime, Environment.ProcessId, ownerStartTime));
            }

            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
            if (StopOnTerminationSignal)
            {
                // The handler leaves the signal's default action (ending the process) in place.
                _signalRegistrations =
                [
                    .. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP }
                        .Select(signal => PosixSignalRegistration.Create(signal, _ => Dispose())),
                ];
            }
        }
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns true. When the server exits first or does not
    /// answer within <paramref name="timeout"/>, stops it and throws an error quoting <paramref name="logFiles"/>.
    /// </summary>
    public async Task WaitUntilReadyAsync(
        Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, IReadOnlyList<string> logFiles, CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException($"{_name} is not started");
        var clock = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    var exitCode = process.ExitCode;
                    await StopAsync(CancellationToken.None);
                    throw new LocalServiceException(
                        $"{_name} exited with code {exitCode} while starting.{Environment.NewLine}{LogTail.Describe(logFiles)}");
                }

                if (await probe(cancellationToken))
                {
                    return;
                }

                if (clock.Elapsed > timeout)
                {
                    await StopAsync(CancellationToken.None);
                    throw new LocalServiceException(
                        $"{_name} did not answer within {timeout.TotalSeconds:0.#} s and was stopped: see why below, or raise " +
                        $"LocalServices:StartTimeout.{Environment.NewLine}{LogTail.Describe(logFiles)}");
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            await StopAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stops the server (SIGTERM, then SIGKILL after the grace period) and removes its pid file.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Process? process;
        long startTime;
        lock (_gate)
        {
            process = _process;
            startTime = _startTime;
            _process = null;
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            foreach (var registration in _signalRegistrations)
            {
                registration.Dispose();
            }

            _signalRegistrations = [];
        }

        if (process is null)
        {
            return;
        }

        using (process)
        {
            var pid = process.Id;
            if (!process.HasExited)
            {
                Log.ServerStopping(_logger, _name, pid);
                try
                {
                    await TerminateAsync(pid, startTime, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // No time left for a clean stop, but never leave the server running.
                    process.Kill();
                    throw;
                }
            }

            // Reap the child so no zombie lingers and the exit code is known.
            using var reap = new CancellationTokenSource(KillWait);
            await process.WaitForExitAsync(reap.Token);
            Log.ServerStopped(_logger, _name, pid, process.ExitCode);
            _pidFile.DeleteIfOwnedBy(pid);
        }
    }

    /// <summary>Stops the server synchronously; for Dispose and process exit, where nothing can be awaited.</summary>
    public void Dispose() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    private async Task TerminateAsync(int pid, long startTime, CancellationToken cancellationToken)
    {
        // A start time of -1 means the server exited before it could be read: only Process knows it.
        bool Alive() => startTime < 0 ? ProcFs.StartTime(pid) is not null : ProcFs.IsAlive(pid, startTime);

        Signals.Terminate(pid);
        if (await WaitUntilGoneAsync(Alive, _stopTimeout, cancellationToken))
        {
            return;
        }

        Log.ServerKilled(_logger, _name, pid, _stopTimeout);
        Signals.ForceKill(pid);
        if (!await WaitUntilGoneAsync(Alive, KillWait, cancellationToken))
        {
            throw new LocalServiceException($"{_name} (pid {pid}) survived SIGKILL: stop it by hand (kill -9 {pid})");
        }
    }

    private static async Task<bool> WaitUntilGoneAsync(Func<bool> alive, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (alive())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return true;
    }
}
