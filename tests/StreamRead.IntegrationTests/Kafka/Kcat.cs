using System.Diagnostics;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

/// <summary>Runs Debian's <c>kcat</c> as a separate process: the cross-process check that the broker speaks real Kafka.</summary>
internal static class Kcat
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>What a kcat run printed and how it ended.</summary>
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>Skips the calling test when kcat is not installed (./streamread installs it).</summary>
    public static void SkipIfMissing()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, "kcat")));
        if (!found)
        {
            Assert.Skip("kcat is not installed: run ./streamread once (it installs kcat) or apt-get install kcat");
        }
    }

    /// <summary>Runs kcat with <paramref name="arguments"/>, feeding <paramref name="input"/> on stdin when given.</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("kcat")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kcat did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kcat {string.Join(' ', start.ArgumentList)} did not finish within {Patience.TotalSeconds} s; stderr: {await errors}");
        }

        return new Result(process.ExitCode, await output, await errors);
    }
}
