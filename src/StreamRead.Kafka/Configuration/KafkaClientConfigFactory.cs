using Confluent.Kafka;
using Microsoft.Extensions.Options;
using StreamRead.Kafka.Native;

namespace StreamRead.Kafka.Configuration;

/// <summary>
/// Builds Confluent.Kafka client configs from <see cref="KafkaOptions"/>, so every StreamRead client
/// connects the same way and every producer partitions the same way.
/// </summary>
/// <remarks>
/// Producers always use <see cref="Partitioner.Murmur2Random"/>: the Java clients' key hash, so a
/// gateway written in Java, this library and the processor agree on the partition of a
/// conversation, which co-partitioning (SPEC 1) depends on. librdkafka's own default hashes with
/// CRC32 and would scatter a conversation's events over different tasks. Producers are idempotent
/// with <c>acks=all</c>: a retried send never duplicates or reorders a conversation's events.
/// Creating the factory also registers the system librdkafka (<see cref="NativeLibraryResolver"/>).
/// </remarks>
public sealed class KafkaClientConfigFactory
{
    /// <summary>librdkafka keys that <see cref="KafkaOptions.Settings"/> may not set, with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> FixedSettings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = "use Kafka:BootstrapServers",
        ["client.id"] = "use Kafka:ClientId",
        ["partitioner"] = "StreamRead's producers always use murmur2_random, the Java clients' key hash (SPEC 1: co-partitioned inputs)",
        ["enable.idempotence"] = "StreamRead's producers are always idempotent (no duplicates or reordering on retry)",
        ["acks"] = "StreamRead's producers always wait for all in-sync replicas (acks=all)",
    };

    private readonly KafkaOptions _options;

    /// <summary>Creates the factory; throws <see cref="OptionsValidationException"/> when the options are invalid.</summary>
    public KafkaClientConfigFactory(KafkaOptions options)
    {
        var result = new KafkaOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(KafkaOptions), result.Failures);
        }

        _options = options;
        NativeLibraryResolver.EnsureRegistered();
    }

    /// <summary>Creates the factory from bound options (dependency injection).</summary>
    public KafkaClientConfigFactory(IOptions<KafkaOptions> options)
        : this(options.Value)
    {
    }

    /// <summary>The bootstrap servers every config points at.</summary>
    public string BootstrapServers => _options.BootstrapServers;

    /// <summary>A producer config: murmur2_random partitioner, idempotent, acks=all.</summary>
    public ProducerConfig CreateProducerConfig()
    {
        var config = new ProducerConfig(CreateCommonSettings())
        {
            Partitioner = Partitioner.Murmur2Random,
            EnableIdempotence = true,
            Acks = Acks.All,
        };
        return config;
    }

    /// <summary>
    /// A consumer config for <paramref name="groupId"/>; a new group starts at the earliest offset so
    /// nothing produced before the first start is skipped. Callers set commit behaviour themselves.
    /// </summary>
    public ConsumerConfig CreateConsumerConfig(string groupId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        return new ConsumerConfig(CreateCommonSettings())
        {
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
    }

    /// <summary>An admin client config.</summary>
    public AdminClientConfig CreateAdminClientConfig() => new(CreateCommonSettings());

    private Dictionary<string, string> CreateCommonSettings()
    {
        var settings = new Dictionary<string, string>(_options.Settings, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = _options.BootstrapServers,
            ["client.id"] = _options.ClientId,
        };
        return settings;
    }
}
