namespace StreamRead.Redis.Serving;

/// <summary>Which side of a message's receipt a readers query lists.</summary>
public enum ReaderState
{
    /// <summary>Eligible members whose public watermark covers the message.</summary>
    Read,

    /// <summary>Eligible members who have not read it (publicly).</summary>
    Unread,
}
