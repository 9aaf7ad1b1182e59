using System.Text.Json.Serialization;

namespace StreamRead.Contracts.Events;

/// <summary>What happened to a membership (JSON: <c>joined</c> or <c>left</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MembershipChange>))]
public enum MembershipChange
{
    [JsonStringEnumMemberName("joined")]
    Joined,

    [JsonStringEnumMemberName("left")]
    Left,
}
