using System.Diagnostics;
using StreamRead.Bench.Infrastructure;
using StreamRead.Bench.Reporting;

namespace StreamRead.Bench.Scenarios;

/// <summary>What a running scenario gets: the services, the size mode, progress output, and where its figures and notes go.</summary>
internal sealed class BenchContext(BenchServices services, bool quick, TextWriter progress, Stopwatch clock, string scenario)
{
    public BenchServices Services => services;

    /// <summary>Reduced sizes (<c>--quick</c>).</summary>
    public bool Quick => quick;

    /// <summary>The progress output, for the components' warnings.</summary>
    public TextWriter Log => progress;

    public List<BenchFigure> Figures { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Picks the full-size or the quick value.</summary>
    public T Size<T>(T full, T quickValue) => quick ? quickValue : full;

    public void Progress(string message)
    {
        lock (progress)
        {
            progress.WriteLine($"[{clock.Elapsed:mm\\:ss}] {scenario}: {message}");
        }
    }

    public BenchFigure Add(BenchFigure figure)
    {
        Figures.Add(figure);
        Progress($"{figure.Name} = {figure.FormattedValue} {figure.Unit}{(figure.Target is null ? "" : $" (target {figure.Target}: {(figure.Met == true ? "met" : "NOT met")})")}");
        return figure;
    }

    public void Note(string note) => Notes.Add(note);
}
