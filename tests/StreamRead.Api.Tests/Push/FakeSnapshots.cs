using StreamRead.Api.Push;

namespace StreamRead.Api.Tests.Push;

/// <summary>An in-memory serving store for the hub: what Redis would answer, and how often it was asked.</summary>
internal sealed class FakeSnapshots : IPushSnapshotSource
{
    public Dictionary<string, (long Version, List<ReceiptEvent> Receipts)> Conversations { get; } = [];

    public Dictionary<string, Dictionary<string, ConversationBadge>> Users { get; } = [];

    public int UserLoads { get; private set; }

    public Task<(long Version, List<ReceiptEvent> Receipts)> LoadConversationAsync(string conversationId, int messages, CancellationToken cancellationToken) =>
        Task.FromResult(Conversations.GetValueOrDefault(conversationId, (0, [])));

    public Task<Dictionary<string, ConversationBadge>> LoadUserAsync(string userId, CancellationToken cancellationToken)
    {
        UserLoads++;
        return Task.FromResult(Users.TryGetValue(userId, out var badges) ? new Dictionary<string, ConversationBadge>(badges) : []);
    }
}
