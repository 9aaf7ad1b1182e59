namespace StreamRead.Runtime.Sinks;

/// <summary>
/// Writes one batch of decoded output records to a store (Redis, ClickHouse, ...). A batch may
/// be written again after a failure or a restart, so writing must be idempotent: records carry
/// absolute values and versions (SPEC 2.7).
/// </summary>
public interface IBatchWriter<in T>
{
    /// <summary>Writes the batch; returns only once the store acknowledged all of it.</summary>
    Task WriteAsync(IReadOnlyList<T> batch, CancellationToken cancellationToken);
}
