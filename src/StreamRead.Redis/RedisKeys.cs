using StackExchange.Redis;

namespace StreamRead.Redis;

/// <summary>
/// The serving key layout (documented in README.md, "Redis key layout"). Keys of one
/// conversation share the hash tag <c>{conversationId}</c>, so a cluster keeps them in one slot
/// and one script can update them atomically.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>Hash: version, kind, lastSeq, messageCount, hotFrom.</summary>
    public RedisKey Meta(string conversationId) => Conversation(conversationId, "meta");

    /// <summary>Hash: seq -> senderId, every known message.</summary>
    public RedisKey Messages(string conversationId) => Conversation(conversationId, "msgs");

    /// <summary>Sorted set: every known seq (score = seq), for unread counts.</summary>
    public RedisKey Seqs(string conversationId) => Conversation(conversationId, "seqs");

    /// <summary>Hash: seq -> "read:eligible" for hot-window messages.</summary>
    public RedisKey Counts(string conversationId) => Conversation(conversationId, "counts");

    /// <summary>Sorted set: current member -> public watermark.</summary>
    public RedisKey Watermarks(string conversationId) => Conversation(conversationId, "wm");

    /// <summary>Sorted set: current member -> eligibility point (afterSeq).</summary>
    public RedisKey Eligibility(string conversationId) => Conversation(conversationId, "elig");

    /// <summary>Sorted set: current member -> max(afterSeq, public watermark), for read counts.</summary>
    public RedisKey ReadBounds(string conversationId) => Conversation(conversationId, "hi");

    /// <summary>String: when the sink found the store empty last; its absence means the store lost its data (<see cref="Sink.ServingStoreGuard"/>).</summary>
    public RedisKey ServingEpoch => $"{Prefix}:serving-epoch";

    /// <summary>Hash: conversationId -> "version:ownReadSeq:afterSeq" (or "version:left"), plus "_" = known user.</summary>
    public RedisKey User(string userId) => $"{Prefix}:u:{{{userId}}}";

    private RedisKey Conversation(string conversationId, string part) => $"{Prefix}:c:{{{conversationId}}}:{part}";
}
