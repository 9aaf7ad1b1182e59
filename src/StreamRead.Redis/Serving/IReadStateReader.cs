namespace StreamRead.Redis.Serving;

/// <summary>
/// The queries of SPEC 4, answered from the serving store in O(log n) per lookup. Every known
/// message stays answerable whatever its age; unknown conversations, messages and users are
/// "not found" with a reason.
/// </summary>
public interface IReadStateReader
{
    Task<Lookup<ReceiptView>> GetReceiptAsync(string conversationId, long seq, CancellationToken cancellationToken);

    /// <exception cref="ArgumentException">The cursor is not one this reader issued.</exception>
    Task<Lookup<ReadersPage>> GetReadersAsync(
        string conversationId, long seq, ReaderState state, int limit, string? cursor, CancellationToken cancellationToken);

    Task<Lookup<UserUnread>> GetUnreadAsync(string userId, CancellationToken cancellationToken);
}
