using System.Net;
using StreamRead.Kafka.Topics;

namespace StreamRead.Kafka.Dev;

/// <summary>How <see cref="DevBroker.Start"/> sets up the embedded broker.</summary>
public sealed class DevBrokerOptions
{
    /// <summary>The port Kafka clients expect by default.</summary>
    public const int DefaultPort = 9092;

    /// <summary>
    /// The address of the bootstrap endpoint. The mock brokers themselves listen on loopback only,
    /// so clients must run on this machine whatever the address.
    /// </summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The bootstrap port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Number of mock brokers (ids 1..n).</summary>
    public int Brokers { get; init; } = 1;

    /// <summary>Topics to create at start with their partition counts; none when null.</summary>
    public TopicCatalog? Catalog { get; init; }
}
