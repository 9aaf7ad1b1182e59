using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StreamRead.Cli.Commands;

/// <summary>Runs a long-running command's host until Ctrl-C/SIGTERM and turns its outcome into an exit code.</summary>
internal static class ServiceHost
{
    /// <summary>Runs a setup step that reads options (e.g. mapping endpoints), turning invalid settings into a user error.</summary>
    public static void Configure(Action step)
    {
        try
        {
            step();
        }
        catch (OptionsValidationException e)
        {
            throw new CliException($"invalid settings: {string.Join("; ", e.Failures)}", e);
        }
    }

    /// <returns>
    /// 0 after a clean stop; 1 when a service failed (its error is in the log); a service that
    /// stopped the host for a setup problem sets <see cref="Environment.ExitCode"/> itself (2).
    /// </returns>
    public static async Task<int> RunAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            // Not RunAsync: it disposes the host, and the outcome is read from its services below.
            await host.StartAsync(cancellationToken);
            await host.WaitForShutdownAsync(cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            throw new CliException($"invalid settings: {string.Join("; ", e.Failures)}", e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        // A BackgroundService that threw stops the host; the exit code must say so.
        var failed = host.Services.GetServices<IHostedService>()
            .OfType<BackgroundService>()
            .Any(s => s.ExecuteTask is { IsFaulted: true });
        return failed ? 1 : Environment.ExitCode;
    }
}
