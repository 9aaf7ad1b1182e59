using Microsoft.Extensions.Logging;

namespace StreamRead.IntegrationTests.Processor.Support;

/// <summary>A logger appending to a temp file, so a failing pipeline test can quote what the processor said.</summary>
internal sealed class FileLogger(string path) : ILogger
{
    private readonly Lock _lock = new();

    public string Path { get; } = path;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}\n";
        lock (_lock)
        {
            File.AppendAllText(Path, line);
        }
    }

    public string Tail(int lines = 30) =>
        File.Exists(Path) ? string.Join('\n', File.ReadLines(Path).TakeLast(lines)) : "(empty log)";
}
