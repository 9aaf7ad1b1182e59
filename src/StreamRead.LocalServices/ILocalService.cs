namespace StreamRead.LocalServices;

/// <summary>
/// A server StreamRead runs as a child process on this machine (no Docker, no systemd), bound to
/// 127.0.0.1. Disposing it stops the server; so does the owning process exiting.
/// </summary>
public interface ILocalService : IAsyncDisposable, IDisposable
{
    /// <summary>A short name for messages, e.g. <c>redis</c>.</summary>
    string Name { get; }

    /// <summary>Where clients connect, e.g. <c>127.0.0.1:6380</c> or <c>http://127.0.0.1:8124</c>; final once started (port 0 picks a port).</summary>
    string Endpoint { get; }

    /// <summary>True while the server process runs.</summary>
    bool IsRunning { get; }

    /// <summary>The server's process id while it runs.</summary>
    int? ProcessId { get; }

    /// <summary>
    /// Starts the server and waits until it answers. First stops a server a killed owner left
    /// behind in the same data folder. Throws <see cref="LocalServiceException"/> with the fix
    /// when the binary is missing, a port is taken, the folder is not writable or the server fails.
    /// </summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops the server: SIGTERM, then SIGKILL after <see cref="LocalServicesOptions.StopTimeout"/>.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
