using System.Text;
using StreamRead.Contracts.Events;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>An input event and one JSON spelling of it; the record key is its conversationId.</summary>
internal sealed record RenderedRecord(IChatEvent Event, string Json)
{
    public byte[] Key => Encoding.UTF8.GetBytes(Event.ConversationId);

    public byte[] Value => Encoding.UTF8.GetBytes(Json);

    public override string ToString() => Json;
}
