namespace StreamRead.Runtime.Tasks;

/// <summary>
/// Lifecycle of a <see cref="PartitionTask"/>.
/// <code>
///   Created ──restore──▶ Running ──close──▶ Closed
///      └────────────── close ─────────────────▲
/// </code>
/// A task applies records only while Running, i.e. after its store was restored.
/// </summary>
internal enum TaskState
{
    Created,
    Running,
    Closed,
}
