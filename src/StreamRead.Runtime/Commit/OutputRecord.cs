namespace StreamRead.Runtime.Commit;

/// <summary>One record a flush produces.</summary>
/// <param name="Partition">An explicit partition (changelog: the task's), or null to let the partitioner pick by key.</param>
/// <param name="Batch">The batch header of changelog records; null for other topics.</param>
internal sealed record OutputRecord(string Topic, int? Partition, byte[]? Key, byte[]? Value, Changelog.BatchId? Batch = null);
