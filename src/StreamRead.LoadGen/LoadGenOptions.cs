using System.ComponentModel.DataAnnotations;

namespace StreamRead.LoadGen;

/// <summary>The demo workload's shape and pace (configuration section <c>LoadGen</c>).</summary>
public sealed class LoadGenOptions
{
    public const string SectionName = "LoadGen";

    /// <summary>Messages per second over all conversations; read reports follow from them (several per message).</summary>
    [Range(0.1, 100_000)]
    public double MessagesPerSecond { get; set; } = 20;

    /// <summary>Conversations, the four showcase ones included: mostly 1:1, then small, medium and large groups.</summary>
    [Range(4, 1_000_000)]
    public int Conversations { get; set; } = 500;

    /// <summary>Members of the largest group (the showcase "all hands").</summary>
    [Range(3, 1_000_000)]
    public int LargestGroup { get; set; } = 10_000;

    /// <summary>Distinct users; at least <see cref="LargestGroup"/>.</summary>
    [Range(3, 10_000_000)]
    public int Users { get; set; } = 20_000;

    /// <summary>Stop after this long; runs until stopped when null.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Seed of every random choice: the same seed gives the same conversations and traffic pattern.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Share of read reports a client sends twice (retries).</summary>
    [Range(0.0, 1.0)]
    public double DuplicateRate { get; set; } = 0.02;

    /// <summary>Share of read reports followed later by a stale, lower one from another device.</summary>
    [Range(0.0, 1.0)]
    public double OutOfOrderRate { get; set; } = 0.02;

    /// <summary>Share of read reports that are private (SPEC 2.6).</summary>
    [Range(0.0, 1.0)]
    public double PrivateRate { get; set; } = 0.05;

    /// <summary>Share of messages whose first read report arrives before the message itself (SPEC 2.5).</summary>
    [Range(0.0, 1.0)]
    public double EarlyReadRate { get; set; } = 0.02;

    /// <summary>How often progress is reported.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(10);
}
