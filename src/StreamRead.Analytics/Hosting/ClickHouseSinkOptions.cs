namespace StreamRead.Analytics.Hosting;

/// <summary>Settings of the ClickHouse sink (configuration section <c>ClickHouseSink</c>); ClickHouse itself is section <c>ClickHouse</c>.</summary>
public sealed class ClickHouseSinkOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ClickHouseSink";

    /// <summary>Consumer group of the sink; instances with the same id share the analytics partitions.</summary>
    public string GroupId { get; set; } = "streamread-sink-clickhouse";

    /// <summary>Prefix of the topic names, as the processor's <c>Processor:TopicPrefix</c>.</summary>
    public string TopicPrefix { get; set; } = string.Empty;

    /// <summary>A batch is written when it holds this many analytics updates...</summary>
    public int MaxBatchRecords { get; set; } = 2_000;

    /// <summary>...or this long after its first update arrived: ClickHouse prefers fewer, larger inserts.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after a failed write or migration; doubles up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts while ClickHouse is down.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(10);
}
