namespace StreamRead.Kafka.Topics;

/// <summary>One topic as <c>topics/&lt;name&gt;.topic.json</c> defines it.</summary>
/// <param name="Name">The Kafka topic name; also the file name before <c>.topic.json</c>.</param>
/// <param name="Description">What the topic carries, for people reading <c>topics list</c>.</param>
/// <param name="Partitions">Partition count (>= 1). The input topics share one count (SPEC 1).</param>
/// <param name="ReplicationFactor">Replicas per partition on a real cluster (>= 1).</param>
/// <param name="Configs">Topic-level Kafka configs (<c>cleanup.policy</c>, <c>retention.ms</c>, ...), applied at creation.</param>
/// <param name="Schema">
/// The JSON Schema of the records, relative to the topics folder (e.g. <c>schemas/chat.messages.schema.json</c>);
/// null for topics without a published schema.
/// </param>
public sealed record TopicDefinition(
    string Name,
    string Description,
    int Partitions,
    short ReplicationFactor,
    IReadOnlyDictionary<string, string> Configs,
    string? Schema);
