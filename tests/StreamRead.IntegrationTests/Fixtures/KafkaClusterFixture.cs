using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamRead.Bench;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.Kafka.Configuration;
using StreamRead.Kafka.Dev;
using StreamRead.Kafka.Topics;
using Xunit;

[assembly: AssemblyFixture(typeof(KafkaClusterFixture))]

namespace StreamRead.IntegrationTests.Fixtures;

/// <summary>
/// The Kafka every integration test uses, started once per test assembly. With
/// <c>STREAMREAD_KAFKA_BOOTSTRAP</c> set (e.g. <c>127.0.0.1:9092</c> of docker-compose's Kafka) it is
/// that real cluster; otherwise an in-process <see cref="DevBroker"/> on a free port.
/// </summary>
/// <remarks>
/// Tests share the cluster, so each creates its own topics under unique names
/// (<see cref="UniqueName"/> + <see cref="CreateTopicAsync"/>) and never depends on another's data.
/// Tests of what only real Kafka does call <see cref="SkipOnMock"/>.
/// </remarks>
public sealed class KafkaClusterFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming a real cluster's bootstrap servers: the one <c>streamread bench</c> reads too.</summary>
    public const string BootstrapVariable = BenchOptions.BootstrapVariable;

    // Unique per run, so reruns against a long-lived real cluster never meet old topics.
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private int _nameCounter;
    private DevBroker? _devBroker;
    private IAdminClient? _admin;
    private KafkaClientConfigFactory? _clientConfigs;

    /// <summary>Where clients connect.</summary>
    public string BootstrapServers { get; private set; } = "";

    /// <summary>True when the tests run on librdkafka's mock cluster (no real broker configured).</summary>
    public bool IsMock => _devBroker is not null;

    /// <summary>StreamRead's client settings pointing at this cluster.</summary>
    public KafkaClientConfigFactory ClientConfigs =>
        _clientConfigs ?? throw new InvalidOperationException("the Kafka fixture is not initialized");

    /// <inheritdoc />
    public ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(BootstrapVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            _devBroker = DevBroker.Start(new DevBrokerOptions { Port = 0 });
            BootstrapServers = _devBroker.BootstrapServers;
        }
        else
        {
            BootstrapServers = configured.Trim();
        }

        _clientConfigs = new KafkaClientConfigFactory(new KafkaOptions { BootstrapServers = BootstrapServers, ClientId = "streamread-tests" });
        if (!IsMock)
        {
            _admin = new AdminClientBuilder(ClientConfigs.CreateAdminClientConfig()).Build();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        if (_devBroker is not null)
        {
            await _devBroker.DisposeAsync();
        }
    }

    /// <summary>A name no other test (or earlier run) uses: <c>it-&lt;run&gt;-&lt;n&gt;-&lt;name&gt;</c>.</summary>
    public string UniqueName(string name) => $"it-{_runId}-{Interlocked.Increment(ref _nameCounter)}-{name}";

    /// <summary>
    /// Creates a topic and waits until every partition has a leader. On the mock the
    /// <paramref name="configs"/> are ignored (it keeps none); on a real cluster they are applied.
    /// </summary>
    public async Task CreateTopicAsync(
        string name, int partitions, IReadOnlyDictionary<string, string>? configs = null, CancellationToken cancellationToken = default)
    {
        if (_devBroker is not null)
        {
            _devBroker.CreateTopic(name, partitions);
            return;
        }

        var specification = new TopicSpecification
        {
            Name = name,
            NumPartitions = partitions,
            ReplicationFactor = -1, // the cluster's default.replication.factor
            Configs = configs?.ToDictionary(),
        };
        await TopicCreator.CreateAsync(_admin!, [specification], cancellationToken);
    }

    /// <summary>Skips the calling test on the mock cluster, saying what it lacks.</summary>
    public void SkipOnMock(string mockLimitation)
    {
        if (IsMock)
        {
            Assert.Skip($"needs a real Kafka ({mockLimitation} on librdkafka's mock cluster): set {BootstrapVariable} to run it");
        }
    }
}
