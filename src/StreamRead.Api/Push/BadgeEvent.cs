using System.Text.Json.Serialization;

namespace StreamRead.Api.Push;

/// <summary>
/// <c>event: badge</c>: a user's unread count in one conversation and over all their conversations
/// (SPEC 2.4). <c>readSeq</c> is the user's own read position, private reads included, so these go
/// only to streams filtered by that user (SPEC 2.6, 2.8).
/// </summary>
/// <param name="Member">False once the user left the conversation (its unread is then 0).</param>
internal sealed record BadgeEvent(
    string UserId, string ConversationId, long Unread, long ReadSeq, long LastSeq, bool Member, long Total, long Version) : PushEvent
{
    [JsonIgnore]
    public override PushEventKind Kind => PushEventKind.Badge;

    [JsonIgnore]
    public override PushEventKey Key => new(PushEventKind.Badge, ConversationId, UserId, 0);

    public override long Version { get; } = Version;
}
