namespace StreamRead.Api.Pipeline;

/// <summary>
/// <c>GET /v1/pipeline</c>: throughput and lag as this process sees them (rates over the last few
/// seconds), plus what the live page shows by default. Processor figures are null when the
/// processor runs in another process (<c>streamread api</c>); <c>/metrics</c> has everything.
/// </summary>
/// <param name="ConsumedPerSecond">Records per second consumed in this process, by topic: the inputs by an in-process processor, streamread.receipts by sinks.</param>
/// <param name="ReceiptsPerSecond">streamread.receipts updates per second applied by the push consumer.</param>
/// <param name="DeadLettersPerSecond">Input records per second rejected to the dead-letter topic (in-process processor).</param>
/// <param name="ProcessorLag">Input records on the broker not yet applied by an in-process processor.</param>
/// <param name="PushDelayMs">From the processor emitting the latest update to the push applying it.</param>
/// <param name="Streams">Open /v1/stream connections.</param>
/// <param name="RecentConversations">Conversations of the latest updates, newest first.</param>
/// <param name="RecentUsers">Senders of the latest messages, newest first.</param>
/// <param name="Page">The page's configured conversations and user.</param>
internal sealed record PipelineView(
    DateTimeOffset At,
    IReadOnlyDictionary<string, double> ConsumedPerSecond,
    double ReceiptsPerSecond,
    double? DeadLettersPerSecond,
    long? ProcessorLag,
    double? PushDelayMs,
    int Streams,
    IReadOnlyList<string> RecentConversations,
    IReadOnlyList<string> RecentUsers,
    PageOptions Page);
