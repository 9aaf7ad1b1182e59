using System.Text.Json.Serialization;

namespace StreamRead.Contracts.Analytics;

/// <summary>Why a read position advanced (JSON: <c>read</c> or <c>send</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReadAdvanceCause>))]
public enum ReadAdvanceCause
{
    /// <summary>A read report (<c>chat.reads</c>), possibly one applied when the messages it covers arrived (SPEC 2.5).</summary>
    [JsonStringEnumMemberName("read")]
    Read,

    /// <summary>The user sent a message, which implies having read up to it (SPEC 2.1).</summary>
    [JsonStringEnumMemberName("send")]
    Send,
}
