using System.ComponentModel.DataAnnotations;

namespace StreamRead.Runtime;

/// <summary>Settings of the stateful processor (configuration section <c>Processor</c>).</summary>
public sealed class ProcessorOptions
{
    public const string SectionName = "Processor";

    /// <summary>Consumer group of the processor instances; instances with the same id share the partitions.</summary>
    [Required]
    public string ApplicationId { get; set; } = "streamread-processor";

    /// <summary>A flush starts when this many input records were applied since the last one.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchRecords { get; set; } = 10_000;

    /// <summary>A flush starts at the latest this long after the first record of a batch was applied.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a task waits for a partition that has no buffered record while the broker still
    /// has data for it, before applying the other partitions' records anyway (Kafka Streams'
    /// max.task.idle.ms). Waiting keeps the timestamp order of a replay equal to the live run's.
    /// </summary>
    public TimeSpan MaxTaskIdle { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest the broker may hold a fetch that finds no new input (<c>fetch.wait.max.ms</c>).
    /// A real broker answers as soon as a record arrives, so this only sets how often an idle
    /// processor asks; librdkafka's mock cluster holds the fetch for the whole wait, which the
    /// client's 500 ms default adds to every record's latency (docs/benchmarks.md, latency).
    /// </summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Buffered records per input partition above which the consumer pauses that partition.</summary>
    [Range(100, 1_000_000)]
    public int MaxBufferedRecordsPerPartition { get; set; } = 20_000;

    /// <summary>Read-before-message window of SPEC 2.5, by record timestamps.</summary>
    public TimeSpan EarlyReadWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Recent messages per conversation whose read counts are kept current in Redis.</summary>
    [Range(1, 100_000)]
    public int HotWindowSize { get; set; } = 256;

    /// <summary>
    /// Run each flush as a Kafka transaction (outputs, changelog and input offsets commit
    /// atomically; consumers with read_committed never see a crashed batch). Needs a real
    /// cluster: librdkafka's mock cluster accepts the calls but isolates nothing.
    /// </summary>
    public bool Transactions { get; set; }

    /// <summary>Prepended to every topic name (empty by default); lets deployments and tests share a cluster.</summary>
    public string TopicPrefix { get; set; } = string.Empty;

    /// <summary>Identifies this instance (transactional id, logs); the machine name when empty.</summary>
    public string InstanceId { get; set; } = string.Empty;
}
