namespace StreamRead.Contracts.Parsing;

/// <summary>Size limits of input records (SPEC 1); records beyond them are dead-lettered.</summary>
public static class InputLimits
{
    /// <summary>The largest accepted record, key plus value, in bytes (64 KiB).</summary>
    public const int MaxRecordBytes = 64 * 1024;

    /// <summary>
    /// The longest accepted id (conversationId, userId, senderId, deviceId) in characters, counted as
    /// Unicode code points as JSON Schema's <c>maxLength</c> does.
    /// </summary>
    public const int MaxIdLength = 256;
}
