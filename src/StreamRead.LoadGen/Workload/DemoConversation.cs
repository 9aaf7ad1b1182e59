using StreamRead.Contracts.Events;

namespace StreamRead.LoadGen.Workload;

/// <summary>One conversation of the workload: its members and where its seqs are.</summary>
internal sealed class DemoConversation(string id, ConversationSize size, int[] members, double weight)
{
    public string Id { get; } = id;

    public ConversationSize Size { get; } = size;

    public ConversationKind Kind => Size == ConversationSize.Direct ? ConversationKind.Direct : ConversationKind.Group;

    /// <summary>User numbers (u-1 is 1); the first few are the conversation's most active senders.</summary>
    public int[] Members { get; } = members;

    /// <summary>Share of the message rate this conversation gets (relative).</summary>
    public double Weight { get; } = weight;

    /// <summary>The last seq produced.</summary>
    public long LastSeq { get; set; }

    /// <summary>A message announced by an early read and not produced yet; 0 when none.</summary>
    public long PendingSeq { get; set; }

    /// <summary>Members who left and have not rejoined yet.</summary>
    public HashSet<int> Away { get; } = [];

    /// <summary>Chance that a member reads a given message at all.</summary>
    public double ReadProbability => Size switch
    {
        ConversationSize.Direct => 0.95,
        ConversationSize.Small => 0.85,
        ConversationSize.Medium => 0.6,
        _ => 0.4,
    };

    /// <summary>Median time from a message to a member reading it.</summary>
    public TimeSpan MedianReadDelay => Size switch
    {
        ConversationSize.Direct => TimeSpan.FromSeconds(1.5),
        ConversationSize.Small => TimeSpan.FromSeconds(3),
        ConversationSize.Medium => TimeSpan.FromSeconds(6),
        _ => TimeSpan.FromSeconds(10),
    };
}
