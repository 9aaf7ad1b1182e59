namespace StreamRead.Runtime.Changelog;

/// <summary>What a changelog record holds; the first byte of its key.</summary>
internal enum ChangelogKeyKind : byte
{
    /// <summary>A conversation snapshot (everything but its members).</summary>
    Conversation = (byte)'C',

    /// <summary>One member of a conversation.</summary>
    Member = (byte)'M',

    /// <summary>The senders of a fixed-size run of a conversation's known messages (by ordinal).</summary>
    SenderChunk = (byte)'S',

    /// <summary>A batch marker: the last committed batch of an epoch and the input offsets it covers.</summary>
    Marker = (byte)'B',
}
