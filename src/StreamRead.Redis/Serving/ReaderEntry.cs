namespace StreamRead.Redis.Serving;

/// <summary>One user in a readers page: their public watermark (SPEC 4).</summary>
public sealed record ReaderEntry(string UserId, long ReadSeq);
