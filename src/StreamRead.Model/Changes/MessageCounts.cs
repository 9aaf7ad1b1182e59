namespace StreamRead.Model;

/// <summary>The current read and eligible counts of a hot-window message, as absolute values (SPEC 2.7).</summary>
/// <param name="Seq">The message.</param>
/// <param name="Read">Eligible members who read it.</param>
/// <param name="Eligible">Members who can read it.</param>
public readonly record struct MessageCounts(long Seq, long Read, long Eligible)
{
    /// <summary><c>Eligible - Read</c>.</summary>
    public long Unread => Eligible - Read;
}
