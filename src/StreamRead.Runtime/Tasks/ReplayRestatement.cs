namespace StreamRead.Runtime.Tasks;

/// <summary>
/// The conversations a task's replay after a restore touches below the inputs' ends at the
/// restore, and whether it applied everything up to them (<see cref="PartitionTask.RestateAfterReplay"/>).
/// </summary>
internal sealed class ReplayRestatement(Dictionary<string, long> endOffsets)
{
    private readonly HashSet<string> _conversations = new(StringComparer.Ordinal);

    public IEnumerable<string> Conversations => _conversations;

    /// <summary>Notes an applied record; true once every input's records below its end are applied.</summary>
    public bool Applied(string topic, long offset, string? conversationId)
    {
        if (!endOffsets.TryGetValue(topic, out var end))
        {
            return false; // this input was done already (or had nothing to replay)
        }

        if (offset < end && conversationId is not null)
        {
            _conversations.Add(conversationId);
        }

        if (offset + 1 >= end)
        {
            endOffsets.Remove(topic);
        }

        return endOffsets.Count == 0;
    }
}
