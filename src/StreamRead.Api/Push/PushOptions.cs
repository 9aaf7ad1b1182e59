using System.ComponentModel.DataAnnotations;

namespace StreamRead.Api.Push;

/// <summary>Settings of the live push (configuration section <c>Api:Push</c>).</summary>
public sealed class PushOptions
{
    public const string SectionName = "Api:Push";

    /// <summary>Prefix of the topic names, as the processor's <c>Processor:TopicPrefix</c>.</summary>
    public string TopicPrefix { get; set; } = string.Empty;

    /// <summary>Receipts of the latest messages a new conversation subscription gets first.</summary>
    [Range(0, 1000)]
    public int SnapshotMessages { get; set; } = 20;

    /// <summary>A comment line is sent after this much silence, so proxies keep the connection open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Distinct events (message receipts, conversation badges) a stream buffers for a slow client.</summary>
    [Range(16, 1_000_000)]
    public int MaxBufferedEvents { get; set; } = 4096;

    [Range(1, 1000)]
    public int MaxConversationsPerStream { get; set; } = 50;

    [Range(1, 100)]
    public int MaxUsersPerStream { get; set; } = 10;

    /// <summary>When a stream's snapshot is re-read from Redis once, to heal a change the push consumer saw just before the stream opened.</summary>
    public TimeSpan ReconcileDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often watched users' badges are re-read from Redis afterwards.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest the broker holds a fetch of the receipts topic: an upper bound on the added push delay.</summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromMilliseconds(50);
}
