using System.Text.Json.Serialization;

namespace StreamRead.Contracts.Analytics;

/// <summary>A point in a message's read-through (JSON: <c>firstRead</c>, <c>halfRead</c>, <c>allRead</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageMilestone>))]
public enum MessageMilestone
{
    /// <summary>The first eligible member read it.</summary>
    [JsonStringEnumMemberName("firstRead")]
    FirstRead,

    /// <summary>At least half of the eligible members (rounded up) read it.</summary>
    [JsonStringEnumMemberName("halfRead")]
    HalfRead,

    /// <summary>Every eligible member read it.</summary>
    [JsonStringEnumMemberName("allRead")]
    AllRead,
}
