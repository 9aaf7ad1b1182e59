using System.Text.Json.Serialization;

namespace StreamRead.Contracts.Events;

/// <summary>The kind of conversation a message was sent in (JSON: <c>group</c> or <c>direct</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConversationKind>))]
public enum ConversationKind
{
    /// <summary>A group conversation: receipts are "N read / M unread".</summary>
    [JsonStringEnumMemberName("group")]
    Group,

    /// <summary>A one-to-one conversation: the receipt is the single "read" tick.</summary>
    [JsonStringEnumMemberName("direct")]
    Direct,
}
