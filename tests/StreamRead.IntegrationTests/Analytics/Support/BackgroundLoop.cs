namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>
/// Runs a blocking loop (a processor, a sink) on its own thread until disposed; disposing stops it
/// through its token, waits for it and rethrows what it threw.
/// </summary>
internal sealed class BackgroundLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _task;

    public BackgroundLoop(Action<CancellationToken> run) =>
        _task = Task.Factory.StartNew(() => run(_stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public bool IsFaulted => _task.IsFaulted;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
