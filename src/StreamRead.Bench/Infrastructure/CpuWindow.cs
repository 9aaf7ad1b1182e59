using System.Diagnostics;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// The share of the machine's cores this process used over a window, and what the garbage
/// collector cost in it: the processor, the sinks, the API and the dev broker (not a given
/// cluster) all run in the bench process, so a figure near 100 % says the scenario is CPU-bound
/// on this machine rather than waiting on something, and the GC figures say how much of that
/// went to allocation.
/// </summary>
internal sealed class CpuWindow
{
    private readonly TimeSpan _startCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    // Precise: with server GC the imprecise count lags by whole allocation contexts per heap.
    private readonly long _startAllocated = GC.GetTotalAllocatedBytes(precise: true);
    private readonly TimeSpan _startPaused = GC.GetTotalPauseDuration();
    private readonly int[] _startCollections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    /// <summary>CPU time used since the window opened over wall time times the core count (0..1).</summary>
    public double Share()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _startCpu;
        var wall = Stopwatch.GetElapsedTime(_startedAt);
        return cpu.TotalSeconds / (wall.TotalSeconds * Environment.ProcessorCount);
    }

    /// <summary>"87 % of 2 cores".</summary>
    public string Describe() => $"{Share():P0} of {Environment.ProcessorCount} cores";

    /// <summary>"allocating 310 MB/s, 120 / 14 / 0 collections of gen 0 / 1 / 2, paused 9 % of the time".</summary>
    public string DescribeGc()
    {
        var wall = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - _startAllocated;
        // .NET 10's server GC sums only its active heaps (dotnet/runtime#131069): when it drops a
        // heap in the window, the count understates and can even go back.
        var allocation = allocatedBytes >= 0 ? $"allocating {allocatedBytes / wall / 1e6:N0} MB/s" : "allocation rate unknown as the GC dropped a heap";
        // CollectionCount(n) counts the collections of generation n and above; report each alone.
        var counts = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) }
            .Select((c, g) => c - _startCollections[g]).ToArray();
        var paused = (GC.GetTotalPauseDuration() - _startPaused).TotalSeconds / wall;
        return $"{allocation}, {counts[0] - counts[1]:N0} / {counts[1] - counts[2]:N0} / {counts[2]:N0} collections of gen 0 / 1 / 2, paused {paused:P0} of the time";
    }
}
