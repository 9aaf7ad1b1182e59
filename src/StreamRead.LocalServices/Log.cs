using Microsoft.Extensions.Logging;

namespace StreamRead.LocalServices;

/// <summary>Every log message of the local services, with stable event ids (1000-1099).</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Starting {Server} from {Binary} in {Directory}")]
    public static partial void ServerStarting(ILogger logger, string server, string binary, string directory);

    [LoggerMessage(1001, LogLevel.Information, "{Server} is ready at {Endpoint} (pid {Pid}, {ElapsedMs} ms)")]
    public static partial void ServerReady(ILogger logger, string server, string endpoint, int pid, long elapsedMs);

    [LoggerMessage(1002, LogLevel.Information, "Stopping {Server} (pid {Pid})")]
    public static partial void ServerStopping(ILogger logger, string server, int pid);

    [LoggerMessage(1003, LogLevel.Information, "{Server} (pid {Pid}) stopped with exit code {ExitCode}")]
    public static partial void ServerStopped(ILogger logger, string server, int pid, int exitCode);

    [LoggerMessage(1004, LogLevel.Warning, "{Server} (pid {Pid}) did not stop within {Grace} of SIGTERM: killing it")]
    public static partial void ServerKilled(ILogger logger, string server, int pid, TimeSpan grace);

    [LoggerMessage(1005, LogLevel.Warning, "Stopping {Server} (pid {Pid}) left running by a previous owner that is gone ({PidFile})")]
    public static partial void StaleServerStopping(ILogger logger, string server, int pid, string pidFile);

    [LoggerMessage(1006, LogLevel.Information, "Removing the stale pid file {PidFile} of {Server}: {Reason}")]
    public static partial void StalePidFileRemoved(ILogger logger, string server, string pidFile, string reason);
}
