namespace StreamRead.Api.Push;

/// <summary>Where a new stream's first state comes from (the Redis serving store; a fake in tests).</summary>
internal interface IPushSnapshotSource
{
    /// <summary>The receipts of a conversation's latest messages, oldest first, and the conversation version they are current at (0 when unknown).</summary>
    Task<(long Version, List<ReceiptEvent> Receipts)> LoadConversationAsync(string conversationId, int messages, CancellationToken cancellationToken);

    /// <summary>A user's badge in every conversation they are a member of.</summary>
    Task<Dictionary<string, ConversationBadge>> LoadUserAsync(string userId, CancellationToken cancellationToken);
}
