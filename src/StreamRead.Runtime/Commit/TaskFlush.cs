using Confluent.Kafka;

namespace StreamRead.Runtime.Commit;

/// <summary>
/// What one task hands the <see cref="FlushCoordinator"/>: its output records in the order they
/// must be written (changelog records, outputs, then the batch marker last) and the input
/// offsets that become committable once every record is acknowledged.
/// </summary>
/// <param name="FullStates">Conversations whose full state the flush emits (a serving-store rebuild).</param>
internal sealed record TaskFlush(
    int TaskId,
    IReadOnlyList<OutputRecord> Records,
    IReadOnlyList<TopicPartitionOffset> InputOffsets,
    long AppliedRecords,
    long DeadLetters,
    int FullStates = 0);
