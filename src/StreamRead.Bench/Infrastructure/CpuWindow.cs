using System.Diagnostics;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// The share of the machine's cores this process used over a window: the broker, the processor,
/// the sinks and the API all run in the bench process, so a figure near 100 % says the scenario
/// is CPU-bound on this machine rather than waiting on something.
/// </summary>
internal sealed class CpuWindow
{
    private readonly TimeSpan _startCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    /// <summary>CPU time used since the window opened over wall time times the core count (0..1).</summary>
    public double Share()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _startCpu;
        var wall = Stopwatch.GetElapsedTime(_startedAt);
        return cpu.TotalSeconds / (wall.TotalSeconds * Environment.ProcessorCount);
    }

    /// <summary>"87 % of 2 cores".</summary>
    public string Describe() => $"{Share():P0} of {Environment.ProcessorCount} cores";
}
