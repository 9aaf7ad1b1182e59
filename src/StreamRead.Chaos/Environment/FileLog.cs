using Microsoft.Extensions.Logging;

namespace StreamRead.Chaos;

/// <summary>A log file the in-process services of a scenario write to (warnings and information), and the scenario reads back.</summary>
internal sealed class FileLog : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private bool _closed;

    public FileLog(string path)
    {
        Path = path;
        _writer = new StreamWriter(path) { AutoFlush = true };
    }

    public string Path { get; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>How many lines so far contain <paramref name="text"/>.</summary>
    public int Count(string text)
    {
        lock (_gate)
        {
            return _lines.Count(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    public string Tail(int lines = 20)
    {
        lock (_gate)
        {
            return string.Join('\n', _lines.TakeLast(lines));
        }
    }

    public void Write(string line)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            line = $"{DateTime.UtcNow:HH:mm:ss.fff} {line}";
            _lines.Add(line);
            _writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _writer.Dispose();
        }
    }

    private sealed class Logger(FileLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Warning || (logLevel == LogLevel.Information && category.StartsWith("StreamRead", StringComparison.Ordinal));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Write($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
            }
        }
    }
}
