using System.Text.Json.Serialization;

namespace StreamRead.Api.Push;

/// <summary><c>event: ready</c>: the first snapshot of every filter was sent; later events are live changes.</summary>
internal sealed record ReadyEvent(IReadOnlyList<string> ConversationIds, IReadOnlyList<string> UserIds) : PushEvent
{
    [JsonIgnore]
    public override PushEventKind Kind => PushEventKind.Ready;

    [JsonIgnore]
    public override PushEventKey Key => new(PushEventKind.Ready, string.Empty, string.Empty, 0);

    [JsonIgnore]
    public override long Version => 0;
}
