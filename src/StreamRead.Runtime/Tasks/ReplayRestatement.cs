using StreamRead.Runtime.State;

namespace StreamRead.Runtime.Tasks;

/// <summary>
/// The conversations a task's replay after a restore touches below the inputs' ends at the
/// restore, and whether it applied everything up to them (<see cref="PartitionTask.RestateAfterReplay"/>).
/// </summary>
/// <param name="endOffsets">Per input topic with records to replay, the end of the task's partition at the restore.</param>
/// <param name="store">The task's store.</param>
/// <param name="restateAll">Whether every conversation is to be restated (restored mid-restatement, the touched ones are unknown).</param>
internal sealed class ReplayRestatement(Dictionary<string, long> endOffsets, ReadStateStore store, bool restateAll)
{
    private readonly HashSet<string> _conversations = new(StringComparer.Ordinal);

    /// <summary>The conversations to restate, once <see cref="Applied"/> said the replay is complete.</summary>
    public IEnumerable<string> Conversations => restateAll ? store.Conversations.Select(c => c.ConversationId) : _conversations;

    /// <summary>Notes an applied record; true once every input's records below its end are applied.</summary>
    public bool Applied(string topic, long offset, string? conversationId)
    {
        if (!endOffsets.TryGetValue(topic, out var end))
        {
            return false; // this input was done already (or had nothing to replay)
        }

        if (offset < end && conversationId is not null && !restateAll)
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
