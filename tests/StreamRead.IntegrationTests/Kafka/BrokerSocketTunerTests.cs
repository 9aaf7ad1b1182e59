using System.Net;
using System.Net.Sockets;
using StreamRead.Kafka.Dev;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

/// <summary>
/// The dev broker's fix for the mock cluster's Nagle delay (docs/benchmarks.md): connections
/// accepted on a broker port get TCP_NODELAY, others are left alone.
/// </summary>
public sealed class BrokerSocketTunerTests
{
    [Fact]
    public async Task Connections_accepted_on_a_broker_port_get_TCP_NODELAY_and_other_connections_do_not()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the tuner lists /proc/self/fd, which only Linux has");
        using var broker = new TcpListener(IPAddress.Loopback, 0);
        using var other = new TcpListener(IPAddress.Loopback, 0);
        broker.Start();
        other.Start();
        using var brokerClient = new TcpClient();
        using var otherClient = new TcpClient();
        await brokerClient.ConnectAsync((IPEndPoint)broker.LocalEndpoint, TestContext.Current.CancellationToken);
        await otherClient.ConnectAsync((IPEndPoint)other.LocalEndpoint, TestContext.Current.CancellationToken);
        using var accepted = await broker.AcceptSocketAsync(TestContext.Current.CancellationToken);
        using var acceptedElsewhere = await other.AcceptSocketAsync(TestContext.Current.CancellationToken);
        Assert.False(accepted.NoDelay);

        // A long interval: only the explicit TuneOnce calls below run.
        await using var tuner = BrokerSocketTuner.Start([((IPEndPoint)broker.LocalEndpoint).Port], TimeSpan.FromHours(1));
        Assert.NotNull(tuner);
        tuner.TuneOnce();

        Assert.True(accepted.NoDelay);
        Assert.False(acceptedElsewhere.NoDelay);
        Assert.False(brokerClient.Client.NoDelay);
        Assert.Equal(0, tuner.TuneOnce());
        Assert.Equal(1, tuner.Tuned);

        // Closed connections are forgotten, so the tuner's memory stays as large as the open ones.
        accepted.Dispose();
        tuner.TuneOnce();
        Assert.Equal(0, tuner.Tuned);
    }
}
