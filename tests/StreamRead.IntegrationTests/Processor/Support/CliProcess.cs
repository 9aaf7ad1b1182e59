using System.Diagnostics;

using Xunit;

namespace StreamRead.IntegrationTests.Processor.Support;

/// <summary>
/// The StreamRead CLI as a separate process (built beside this test project), for tests that kill
/// it with SIGKILL. Output goes to a log file in the temp folder, named in failures.
/// </summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;

    private CliProcess(Process process, string log)
    {
        _process = process;
        LogPath = log;
    }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static CliProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string name)
    {
        var log = Path.Combine(Path.GetTempPath(), $"streamread-it-{name}-{Guid.NewGuid():N}.log");
        // dotnet itself, not a shell: the pid is the CLI's (Kill is a SIGKILL to it), and variables
        // with dots in their names (STREAMREAD_Kafka__Settings__session.timeout.ms) survive, which
        // /bin/sh drops.
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(CliPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var writer = new StreamWriter(log) { AutoFlush = true };
        var gate = new Lock();
        void Append(object _, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (gate)
                {
                    writer.WriteLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new CliProcess(process, log);
    }

    /// <summary>The CLI's build output, beside this test project's (same configuration).</summary>
    public static string CliPath
    {
        get
        {
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            var configuration = bin.Parent!.Name;
            var root = bin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(root, "src", "StreamRead.Cli", "bin", configuration, bin.Name, "streamread.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"the CLI is not built at {path}: build the solution first");
        }
    }

    /// <summary>SIGKILL: no flush, no commit, no leaving the group.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then waits for a graceful exit.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>Waits for the process to end on its own; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public string LogTail(int lines = 40)
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

}
