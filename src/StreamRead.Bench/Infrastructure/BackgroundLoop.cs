namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// A blocking loop (the processor's, a sink's) on its own thread; disposing cancels it and waits
/// for its graceful stop. <see cref="Failure"/> holds what ended it early.
/// </summary>
internal sealed class BackgroundLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BackgroundLoop(string name, Action<CancellationToken> run)
    {
        _thread = new Thread(() =>
        {
            try
            {
                run(_stop.Token);
                _done.TrySetResult();
            }
            catch (Exception e)
            {
                Failure = e;
                _done.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        _thread.Start();
    }

    public Exception? Failure { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        _stop.Dispose();
    }
}
