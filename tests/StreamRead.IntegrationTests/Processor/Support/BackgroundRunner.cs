using Xunit;

namespace StreamRead.IntegrationTests.Processor.Support;

/// <summary>Runs a blocking loop on its own thread until disposed (graceful stop) and rethrows its failure.</summary>
internal sealed class BackgroundRunner : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _task;

    public BackgroundRunner(string name, Action<CancellationToken> loop)
    {
        Name = name;
        _task = Task.Factory.StartNew(() => loop(_stop.Token), TaskCreationOptions.LongRunning);
    }

    public string Name { get; }

    public bool Faulted => _task.IsFaulted;

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
