namespace StreamRead.Redis.Serving;

/// <summary>A page of readers or non-readers of a message; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ReadersPage(IReadOnlyList<ReaderEntry> Users, string? NextCursor);
