using System.Text.Json.Serialization;

namespace StreamRead.Contracts.Events;

/// <summary>What happened to a membership (JSON: <c>joined</c> or <c>left</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MembershipChange>))]
public enum MembershipChange
{
    /// <summary>The user joined (or re-joined): sets the eligibility point, also for a current member (SPEC 2.2).</summary>
    [JsonStringEnumMemberName("joined")]
    Joined,

    /// <summary>The user left: stops counting everywhere until a later <c>joined</c> (SPEC 2.2).</summary>
    [JsonStringEnumMemberName("left")]
    Left,
}
