using System.ComponentModel.DataAnnotations;

namespace StreamRead.Runtime.Sinks;

/// <summary>Batching and retry settings of a sink consumer.</summary>
public sealed class SinkOptions
{
    /// <summary>Consumer group; each sink has its own so each sees every output record.</summary>
    [Required]
    public string GroupId { get; set; } = string.Empty;

    /// <summary>A batch is written when it holds this many records...</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchRecords { get; set; } = 5_000;

    /// <summary>...or this long after its first record arrived.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The longest the broker may hold a fetch that finds nothing new (<c>fetch.wait.max.ms</c>):
    /// a bound on the delay it adds on brokers that hold fetches to the end (librdkafka's mock).
    /// </summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>First wait after a failed write; doubles up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(10);
}
