using System.Diagnostics;
using System.Globalization;

namespace StreamRead.Chaos;

/// <summary>
/// <c>streamread process</c> as a child process (<c>dotnet streamread.dll</c>, not a shell, so
/// <see cref="Kill"/> is a SIGKILL to the processor itself), its output in a log file.
/// </summary>
internal sealed class ProcessorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private bool _closed;

    private ProcessorProcess(Process process, StreamWriter log, string logPath, string instance)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        Instance = instance;
    }

    public string Instance { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ProcessorProcess Start(string cliPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, string instance)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cliPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var processor = new ProcessorProcess(process, log, logPath, instance);
        process.OutputDataReceived += processor.Append;
        process.ErrorDataReceived += processor.Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return processor;
    }

    /// <summary>SIGKILL: no flush, no offset commit, no leaving the group.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then waits for the graceful exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cancellationToken);
            }

            await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
    }

    /// <summary>The log's lines so far.</summary>
    public IReadOnlyList<string> Lines()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }

    public string Tail(int lines = 30) => string.Join('\n', Lines().TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.Yield();
        _process.Dispose();
        lock (_gate)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Append(object sender, DataReceivedEventArgs e)
    {
        lock (_gate)
        {
            if (e.Data is not null && !_closed)
            {
                _log.WriteLine(e.Data);
            }
        }
    }
}
