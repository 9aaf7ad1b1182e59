using System.Text.Json.Serialization;

namespace StreamRead.Api.Push;

/// <summary>
/// <c>event: receipt</c>: a message's read counts, absolute (the payload of <c>GET .../receipt</c>
/// plus the conversation version). Counts come from public watermarks only (SPEC 2.6).
/// </summary>
internal sealed record ReceiptEvent(string ConversationId, long Seq, long Read, long Unread, long Eligible, long Version) : PushEvent
{
    [JsonIgnore]
    public override PushEventKind Kind => PushEventKind.Receipt;

    [JsonIgnore]
    public override PushEventKey Key => new(PushEventKind.Receipt, ConversationId, string.Empty, Seq);

    public override long Version { get; } = Version;
}
