using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamRead.Kafka.Configuration;
using StreamRead.Kafka.Topics;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// A running Kafka cluster given by its bootstrap servers (<see cref="BenchOptions.BootstrapServers"/>).
/// Topics are created with the admin client at the cluster's default replication, under names unique
/// to the run, and deleted when the bench ends (best effort: what cannot be deleted is logged).
/// </summary>
internal sealed class ClusterBenchBroker : IBenchBroker
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DeleteTimeout = TimeSpan.FromSeconds(30);

    private readonly IAdminClient _admin;
    private readonly LastBrokerWarning _warning;
    private readonly string _advertisedListeners;
    private readonly TextWriter _log;
    private readonly List<string> _created = [];
    private readonly Lock _createdLock = new();

    private ClusterBenchBroker(string bootstrapServers, IAdminClient admin, LastBrokerWarning warning, Metadata metadata, string? protocolVersion, TextWriter log)
    {
        BootstrapServers = bootstrapServers;
        _admin = admin;
        _warning = warning;
        _advertisedListeners = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
        _log = log;
        Description = Describe(bootstrapServers, metadata.Brokers.Count, protocolVersion);
    }

    public string BootstrapServers { get; }

    public string Description { get; }

    public bool IsDevBroker => false;

    public string TopicPrefix { get; } = $"bench-{Guid.NewGuid().ToString("N")[..8]}-";

    /// <summary>Checks that the cluster answers and reads what the report says about it.</summary>
    /// <param name="log">Where a topic that could not be deleted at the end is reported.</param>
    /// <exception cref="BenchBrokerException">The cluster does not answer; the message names the cause and what to check.</exception>
    public static async Task<ClusterBenchBroker> ConnectAsync(string bootstrapServers, TextWriter log, CancellationToken cancellationToken)
    {
        var configs = new KafkaClientConfigFactory(new KafkaOptions { BootstrapServers = bootstrapServers, ClientId = "streamread-bench" });
        var warning = new LastBrokerWarning();
        var admin = new AdminClientBuilder(configs.CreateAdminClientConfig()).SetLogHandler(warning.Record).Build();
        try
        {
            Metadata metadata;
            try
            {
                metadata = admin.GetMetadata(MetadataTimeout);
            }
            catch (KafkaException ex)
            {
                throw new BenchBrokerException(
                    $"cannot reach Kafka at {bootstrapServers} ({warning.Message ?? ex.Error.Reason}): check that the cluster runs and that " +
                    $"--bootstrap-servers (or {BenchOptions.BootstrapVariable}) names its listener for this machine (docker-compose.yml: " +
                    "'docker compose up -d kafka', then localhost:9092); without either, the bench runs on its own dev broker", ex);
            }

            var protocolVersion = metadata.Brokers.Count == 0 ? null : await ProtocolVersionAsync(admin, metadata.Brokers[0].BrokerId).WaitAsync(cancellationToken);
            return new ClusterBenchBroker(bootstrapServers, admin, warning, metadata, protocolVersion, log);
        }
        catch
        {
            admin.Dispose();
            throw;
        }
    }

    public async Task CreateTopicsAsync(IReadOnlyCollection<(string Name, int Partitions)> topics, CancellationToken cancellationToken)
    {
        lock (_createdLock)
        {
            // Before the request: a topic it creates before failing is deleted at the end too.
            _created.AddRange(topics.Select(t => t.Name));
        }

        var specifications = topics.Select(t => new TopicSpecification { Name = t.Name, NumPartitions = t.Partitions, ReplicationFactor = -1 }).ToList();
        try
        {
            await TopicCreator.CreateAsync(_admin, specifications, cancellationToken);
        }
        catch (TopicCreationException ex)
        {
            throw new BenchBrokerException(
                $"the cluster at {BootstrapServers} refused the bench's topics: {ex.Message}; check its limits (partitions per broker, " +
                "topic creation policies) and that this client may create and delete topics (ACLs)", ex);
        }
        catch (KafkaException ex)
        {
            throw new BenchBrokerException(
                $"creating topics on {BootstrapServers} failed ({_warning.Message ?? ex.Error.Reason}): check that this machine reaches the listeners " +
                $"the brokers advertise ({_advertisedListeners}) and that the cluster supports CreateTopics (librdkafka's mock cluster does not: " +
                "run without --bootstrap-servers to use the dev broker)", ex);
        }
        catch (TimeoutException ex)
        {
            throw new BenchBrokerException($"the cluster at {BootstrapServers} created the bench's topics but did not serve them: {ex.Message}", ex);
        }
    }

    /// <summary>Deletes the topics the bench created; a topic that cannot be deleted is logged, not thrown.</summary>
    public async ValueTask DisposeAsync()
    {
        string[] created;
        lock (_createdLock)
        {
            created = [.. _created];
        }

        try
        {
            if (created.Length > 0)
            {
                await _admin.DeleteTopicsAsync(created, new DeleteTopicsOptions { RequestTimeout = DeleteTimeout, OperationTimeout = DeleteTimeout });
            }
        }
        catch (DeleteTopicsException ex)
        {
            // Unknown topics are the ones a failed creation never made.
            foreach (var result in ex.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.UnknownTopicOrPart))
            {
                Warn($"could not delete topic {result.Topic} on {BootstrapServers}: {result.Error.Reason}");
            }
        }
        catch (KafkaException ex)
        {
            Warn($"could not delete the bench's {created.Length} topics on {BootstrapServers} ({_warning.Message ?? ex.Error.Reason}): " +
                $"delete the topics named {TopicPrefix}* yourself");
        }
        finally
        {
            _admin.Dispose();
        }
    }

    /// <summary>"cluster at localhost:9092, 1 broker, inter.broker.protocol.version 3.9-IV0".</summary>
    internal static string Describe(string bootstrapServers, int brokers, string? protocolVersion) =>
        $"cluster at {bootstrapServers}, {brokers} broker{(brokers == 1 ? "" : "s")}, " +
        (protocolVersion is null ? "broker version not reported" : $"inter.broker.protocol.version {protocolVersion}");

    /// <summary>
    /// The broker's <c>inter.broker.protocol.version</c>: its release on Kafka 3.x (e.g. 3.9-IV0), the
    /// closest the admin client of Confluent.Kafka 1.9 comes to a version. Null when the broker does
    /// not say (Kafka 4 dropped the setting) or does not answer DescribeConfigs in time.
    /// </summary>
    private static async Task<string?> ProtocolVersionAsync(IAdminClient admin, int brokerId)
    {
        try
        {
            var resource = new ConfigResource { Type = ResourceType.Broker, Name = brokerId.ToString(CultureInfo.InvariantCulture) };
            var results = await admin.DescribeConfigsAsync([resource], new DescribeConfigsOptions { RequestTimeout = TimeSpan.FromSeconds(5) });
            return results[0].Entries.TryGetValue("inter.broker.protocol.version", out var entry) && !string.IsNullOrEmpty(entry.Value) ? entry.Value : null;
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    private void Warn(string message)
    {
        lock (_log)
        {
            _log.WriteLine($"streamread bench: warning: {message}");
        }
    }
}
