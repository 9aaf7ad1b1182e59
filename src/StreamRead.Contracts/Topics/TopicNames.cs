namespace StreamRead.Contracts.Topics;

/// <summary>Names of the topics StreamRead reads and writes; definitions live in <c>topics/*.topic.json</c>.</summary>
public static class TopicNames
{
    /// <summary>Input: message sent (SPEC 1).</summary>
    public const string Messages = "chat.messages";

    /// <summary>Input: read reports (SPEC 1).</summary>
    public const string Reads = "chat.reads";

    /// <summary>Input: membership changes (SPEC 1).</summary>
    public const string Members = "chat.members";

    /// <summary>Output: per conversation and flush, absolute receipt changes (SPEC 3).</summary>
    public const string Receipts = "streamread.receipts";

    /// <summary>Output: rejected input with its original bytes and a reason (SPEC 1).</summary>
    public const string DeadLetter = "streamread.deadletter";

    /// <summary>Internal: the processor's compacted state changelog, one partition per input partition.</summary>
    public const string Changelog = "streamread.readstate-changelog";

    /// <summary>Output: analytics facts for the ClickHouse sink.</summary>
    public const string Analytics = "streamread.analytics";

    /// <summary>Internal, one partition: requests to the processor, e.g. a serving store asking to be rebuilt.</summary>
    public const string Control = "streamread.control";

    /// <summary>The three co-partitioned input topics, in the order the processor lists them.</summary>
    public static readonly IReadOnlyList<string> Inputs = [Messages, Reads, Members];
}
