using Microsoft.Extensions.Logging;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// The logger the bench gives the components it runs: warnings and errors go to the progress
/// output (a dropped changelog or a failed write must not pass silently), the rest is dropped.
/// </summary>
internal sealed class BenchLogger(TextWriter output, string component) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        lock (output)
        {
            output.WriteLine($"    [{component} {logLevel}] {formatter(state, exception)}");
        }
    }
}
