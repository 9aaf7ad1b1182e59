using StreamRead.Contracts.Topics;

namespace StreamRead.Runtime;

/// <summary>
/// The topic names one processor deployment uses: the names of <see cref="TopicNames"/> behind
/// an optional prefix, so tests and side-by-side deployments can share a cluster.
/// </summary>
public sealed record TopicSet(string Prefix)
{
    public static readonly TopicSet Default = new(string.Empty);

    public string Messages => Prefix + TopicNames.Messages;

    public string Reads => Prefix + TopicNames.Reads;

    public string Members => Prefix + TopicNames.Members;

    public string Changelog => Prefix + TopicNames.Changelog;

    public string Receipts => Prefix + TopicNames.Receipts;

    public string DeadLetter => Prefix + TopicNames.DeadLetter;

    public string Analytics => Prefix + TopicNames.Analytics;

    public string Control => Prefix + TopicNames.Control;

    /// <summary>The co-partitioned inputs in task order: index 0 messages, 1 reads, 2 members.</summary>
    public IReadOnlyList<string> Inputs => [Messages, Reads, Members];

    /// <summary>The input index of a topic, or -1.</summary>
    public int InputIndexOf(string topic) =>
        topic == Messages ? 0 : topic == Reads ? 1 : topic == Members ? 2 : -1;
}
