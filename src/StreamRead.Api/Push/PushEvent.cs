using System.Text.Json.Serialization;

namespace StreamRead.Api.Push;

/// <summary>One SSE event: its name, its coalescing key and the conversation version it reflects.</summary>
internal abstract record PushEvent
{
    [JsonIgnore]
    public abstract PushEventKind Kind { get; }

    [JsonIgnore]
    public abstract PushEventKey Key { get; }

    /// <summary>The conversation version the values are current at (SPEC 2.7); 0 when not meaningful.</summary>
    public abstract long Version { get; }
}
