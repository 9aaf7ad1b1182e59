namespace StreamRead.Redis.Hosting;

/// <summary>Settings of the Redis sink (configuration section <c>RedisSink</c>).</summary>
public sealed class RedisSinkOptions
{
    public const string SectionName = "RedisSink";

    /// <summary>Consumer group of the sink; instances with the same id share the receipts partitions.</summary>
    public string GroupId { get; set; } = "streamread-sink-redis";

    /// <summary>Prefix of the topic names, as the processor's <c>Processor:TopicPrefix</c>.</summary>
    public string TopicPrefix { get; set; } = string.Empty;

    public int MaxBatchRecords { get; set; } = 2_000;

    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest the broker may hold a fetch of the receipts topic (see <c>SinkOptions.FetchWait</c>).</summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How often an idle sink checks that Redis still holds its data (the sink also checks before
    /// every batch and when the connection comes back); an emptied store is rebuilt from the processors.
    /// </summary>
    public TimeSpan RebuildCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
