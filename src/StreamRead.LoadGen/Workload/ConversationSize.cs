namespace StreamRead.LoadGen.Workload;

/// <summary>Size classes of the workload; each has its own reading habits.</summary>
internal enum ConversationSize
{
    /// <summary>1:1, kind direct.</summary>
    Direct,

    /// <summary>3 to 20 members.</summary>
    Small,

    /// <summary>21 to 300 members.</summary>
    Medium,

    /// <summary>More than 300 members.</summary>
    Large,
}
