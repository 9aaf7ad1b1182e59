using System.Net;
using System.Net.Sockets;
using StreamRead.Kafka.Topics;

namespace StreamRead.Kafka.Dev;

/// <summary>
/// An embedded Kafka for development and tests: librdkafka's in-process mock cluster behind a
/// fixed bootstrap address (default <c>127.0.0.1:9092</c>), with the catalog's topics created.
/// </summary>
/// <remarks>
/// The mock speaks the real protocol, so any process (kcat, another program) can use it, but it is
/// not Kafka: no transaction isolation, no compaction, no admin CreateTopics (use
/// <see cref="CreateTopic"/>), at most 5 MiB per partition, brokers on random ports. The
/// bootstrap endpoint forwards to the first broker; clients then connect to the brokers' real
/// ports from metadata. Topic configs are not kept (the mock has none); partition counts are.
/// </remarks>
public sealed class DevBroker : IAsyncDisposable
{
    private readonly MockCluster _cluster;
    private readonly TcpForwarder _forwarder;
    private readonly BrokerSocketTuner? _socketTuner;
    private readonly List<string> _topics = [];
    private readonly Lock _topicsLock = new();

    private DevBroker(MockCluster cluster, TcpForwarder forwarder, int brokerCount)
    {
        _cluster = cluster;
        _forwarder = forwarder;
        _socketTuner = BrokerSocketTuner.Start(BrokerPorts(cluster.Bootstraps), TimeSpan.FromMilliseconds(50));
        BrokerCount = brokerCount;
    }

    /// <summary>The fixed bootstrap endpoint (with the actual port when started on port 0).</summary>
    public IPEndPoint Endpoint => _forwarder.LocalEndPoint;

    /// <summary>What clients put in <c>bootstrap.servers</c>: the fixed endpoint, <c>host:port</c>.</summary>
    public string BootstrapServers => $"{Endpoint.Address}:{Endpoint.Port}";

    /// <summary>The mock brokers' own addresses (random ports); clients learn them from metadata.</summary>
    public string BrokerAddresses => _cluster.Bootstraps;

    /// <summary>Number of brokers in the mock cluster.</summary>
    public int BrokerCount { get; }

    /// <summary>Every topic created through this broker (catalog topics first), in creation order.</summary>
    public IReadOnlyList<string> Topics
    {
        get
        {
            lock (_topicsLock)
            {
                return [.. _topics];
            }
        }
    }

    /// <summary>Binds the bootstrap endpoint, starts the mock cluster and creates the catalog's topics.</summary>
    /// <exception cref="DevBrokerException">The port is taken, or librdkafka could not start the cluster.</exception>
    public static DevBroker Start(DevBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Brokers < 1)
        {
            throw new DevBrokerException($"the dev broker needs at least 1 broker, not {options.Brokers}: pass --brokers 1 or more");
        }

        if (options.Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new DevBrokerException($"port {options.Port} is not a TCP port: use 1 to {IPEndPoint.MaxPort}, or 0 for any free port");
        }

        // Bind first: a taken port is the common failure and must not leave a cluster behind.
        var forwarder = BindForwarder(new IPEndPoint(options.Address, options.Port));
        MockCluster? cluster = null;
        try
        {
            cluster = MockCluster.Create(options.Brokers);
            var broker = new DevBroker(cluster, forwarder, options.Brokers);
            foreach (var topic in options.Catalog?.Topics ?? [])
            {
                broker.CreateTopic(topic.Name, topic.Partitions, topic.ReplicationFactor);
            }

            forwarder.Start(FirstBroker(cluster.Bootstraps));
            return broker;
        }
        catch
        {
            cluster?.Dispose();
            forwarder.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>
    /// Creates a topic with <paramref name="partitions"/> partitions (replication is capped at the
    /// broker count). Topics that clients use without creating them get 4 partitions (auto-create).
    /// </summary>
    /// <exception cref="DevBrokerException">The topic exists already or the arguments are invalid.</exception>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (partitions < 1)
        {
            throw new DevBrokerException($"topic '{name}' needs at least 1 partition, not {partitions}");
        }

        _cluster.CreateTopic(name, partitions, Math.Clamp(replicationFactor, 1, BrokerCount));
        lock (_topicsLock)
        {
            _topics.Add(name);
        }
    }

    /// <summary>Stops accepting connections, closes forwarded ones and destroys the cluster (its data is gone).</summary>
    public async ValueTask DisposeAsync()
    {
        await _forwarder.DisposeAsync().ConfigureAwait(false);
        if (_socketTuner is not null)
        {
            await _socketTuner.DisposeAsync().ConfigureAwait(false);
        }

        _cluster.Dispose();
    }

    private static TcpForwarder BindForwarder(IPEndPoint endpoint)
    {
        try
        {
            return TcpForwarder.Bind(endpoint);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new DevBrokerException(
                $"port {endpoint.Port} on {endpoint.Address} is already in use: stop the other dev broker or Kafka " +
                "listening there, or choose another port (--port <n>, 0 picks a free one)", ex);
        }
        catch (SocketException ex)
        {
            throw new DevBrokerException($"the dev broker cannot listen on {endpoint}: {ex.Message}; choose another address or port (--port)", ex);
        }
    }

    private static DnsEndPoint FirstBroker(string bootstraps)
    {
        var first = bootstraps.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var colon = first.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(first.AsSpan(colon + 1), out var port))
        {
            throw new DevBrokerException($"the mock cluster reported unusable broker addresses '{bootstraps}': this librdkafka version is not supported, install librdkafka 2.x");
        }

        return new DnsEndPoint(first[..colon], port);
    }

    private static IEnumerable<int> BrokerPorts(string bootstraps) =>
        bootstraps.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(b => int.TryParse(b.AsSpan(b.LastIndexOf(':') + 1), out var port) ? port : -1)
            .Where(port => port > 0);
}
