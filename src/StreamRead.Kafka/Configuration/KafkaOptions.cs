namespace StreamRead.Kafka.Configuration;

/// <summary>
/// How every StreamRead Kafka client connects (configuration section <c>Kafka</c>).
/// </summary>
/// <example>
/// <code>
/// "Kafka": {
///   "BootstrapServers": "kafka-1:9092,kafka-2:9092",
///   "ClientId": "streamread",
///   "Settings": { "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", "sasl.username": "...", "sasl.password": "..." }
/// }
/// </code>
/// </example>
public sealed class KafkaOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Kafka";

    /// <summary>Comma-separated <c>host:port</c> list; the default is where <c>dev-broker</c> listens.</summary>
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    /// <summary>The client id brokers see in their logs and quotas.</summary>
    public string ClientId { get; set; } = "streamread";

    /// <summary>
    /// Free-form librdkafka properties applied to every client (security, timeouts, ...). Keys that
    /// StreamRead fixes for correctness (see <see cref="KafkaClientConfigFactory.FixedSettings"/>) are rejected.
    /// </summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);
}
