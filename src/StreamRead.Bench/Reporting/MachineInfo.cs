using System.Runtime;
using System.Runtime.InteropServices;

namespace StreamRead.Bench.Reporting;

/// <summary>Where the bench ran: what docs/benchmarks.md lists next to the figures.</summary>
internal static class MachineInfo
{
    /// <param name="redisVersion">The Redis row.</param>
    /// <param name="kafka">The broker in use (<see cref="Infrastructure.IBenchBroker.Description"/>).</param>
    public static Dictionary<string, string> Describe(string redisVersion, string kafka) => new(StringComparer.Ordinal)
    {
        ["CPU"] = $"{CpuModel()} ({Environment.ProcessorCount} logical cores)",
        ["memory"] = Memory(),
        ["OS"] = OsName(),
        [".NET"] = RuntimeInformation.FrameworkDescription,
        ["GC"] = GcMode(),
        ["Confluent.Kafka / librdkafka"] = $"{typeof(Confluent.Kafka.Library).Assembly.GetName().Version?.ToString(3)} / {Confluent.Kafka.Library.VersionString}",
        ["Kafka"] = kafka,
        ["Redis"] = redisVersion,
    };

    /// <summary>"server, concurrent": the collector's mode decides much of the latency figures (docs/benchmarks.md).</summary>
    private static string GcMode() =>
        $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}";

    private static string CpuModel() => ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string Memory() =>
        ReadField("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], out var kb)
            ? $"{kb / 1024.0 / 1024.0:0.0} GiB"
            : "unknown";

    private static string OsName() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? RuntimeInformation.OSDescription
            : RuntimeInformation.OSDescription;

    private static string? ReadField(string path, string field)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return File.ReadLines(path).Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault();
    }
}
