namespace StreamRead.Bench.Infrastructure;

/// <summary>An input record serialized ahead of time, so producing it costs the broker only.</summary>
internal readonly record struct BenchRecord(string Topic, byte[] Key, byte[] Value, long TimestampMs);
