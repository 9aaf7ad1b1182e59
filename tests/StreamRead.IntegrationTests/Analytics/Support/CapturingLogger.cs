using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>Keeps every log line (level and text) so a test can check what a loop went through, and quote it when a wait fails.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            _lines.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception.Message)));
        }
    }

    public string Tail(int lines = 20) => string.Join('\n', _lines.TakeLast(lines).Select(l => $"{l.Level}: {l.Text}"));
}
