using System.Net;
using System.Net.Sockets;
using System.Text;
using Confluent.Kafka;
using StreamRead.Contracts.Topics;
using StreamRead.Kafka.Configuration;
using StreamRead.Kafka.Dev;
using StreamRead.Kafka.Topics;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

/// <summary>The embedded broker itself; each test starts its own on a free port.</summary>
public sealed class DevBrokerTests
{
    [Fact]
    public async Task Clients_bootstrapping_at_the_fixed_port_see_every_broker_and_every_catalog_topic()
    {
        var catalog = TopicCatalog.LoadDefault();
        await using var broker = DevBroker.Start(new DevBrokerOptions { Port = 0, Brokers = 3, Catalog = catalog });
        var clients = ClientsFor(broker);

        using var admin = new AdminClientBuilder(clients.CreateAdminClientConfig()).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 2, 3], metadata.Brokers.Select(b => b.BrokerId).Order());
        // Metadata points clients at the brokers' own ports, not at the forwarder.
        Assert.DoesNotContain(metadata.Brokers, b => b.Port == broker.Endpoint.Port);
        foreach (var topic in catalog.Topics)
        {
            Assert.Equal(topic.Partitions, metadata.Topics.Single(t => t.Topic == topic.Name).Partitions.Count);
        }
    }

    [Fact]
    public async Task Records_produced_through_the_fixed_port_are_consumed_back()
    {
        var catalog = TopicCatalog.LoadDefault();
        await using var broker = DevBroker.Start(new DevBrokerOptions { Port = 0, Catalog = catalog });
        var clients = ClientsFor(broker);
        var ct = TestContext.Current.CancellationToken;

        using (var producer = new ProducerBuilder<string, byte[]>(clients.CreateProducerConfig()).Build())
        {
            for (var i = 0; i < 20; i++)
            {
                await producer.ProduceAsync(TopicNames.Messages, new Message<string, byte[]> { Key = $"g-{i}", Value = Encoding.UTF8.GetBytes($"v{i}") }, ct);
            }
        }

        var records = TopicReader.Read(clients, TopicNames.Messages, catalog.InputPartitions, 20, ct);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"g-{i}=v{i}").Order(), records.Select(r => $"{r.Message.Key}={Encoding.UTF8.GetString(r.Message.Value)}").Order());
    }

    [Fact]
    public async Task Starting_on_a_port_in_use_fails_naming_the_port_and_the_fix()
    {
        await using var first = DevBroker.Start(new DevBrokerOptions { Port = 0 });
        var port = first.Endpoint.Port;

        var error = Assert.Throws<DevBrokerException>(() => DevBroker.Start(new DevBrokerOptions { Port = port }));

        Assert.Contains($"port {port} on 127.0.0.1 is already in use", error.Message);
        Assert.Contains("stop the other dev broker or Kafka", error.Message);
        Assert.Contains("--port", error.Message);
    }

    [Fact]
    public async Task Disposing_frees_the_port_for_the_next_broker()
    {
        int port;
        await using (var first = DevBroker.Start(new DevBrokerOptions { Port = 0 }))
        {
            port = first.Endpoint.Port;
        }

        await using var second = DevBroker.Start(new DevBrokerOptions { Port = port });

        Assert.Equal(port, second.Endpoint.Port);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        Assert.True(client.Connected);
    }

    [Fact]
    public async Task Callers_can_add_topics_and_creating_one_twice_fails_with_its_name()
    {
        await using var broker = DevBroker.Start(new DevBrokerOptions { Port = 0 });
        broker.CreateTopic("extra", partitions: 5);

        var error = Assert.Throws<DevBrokerException>(() => broker.CreateTopic("extra", partitions: 5));

        Assert.Contains("could not create topic 'extra'", error.Message);
        using var admin = new AdminClientBuilder(ClientsFor(broker).CreateAdminClientConfig()).Build();
        Assert.Equal(5, admin.GetMetadata("extra", TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count);
        Assert.Equal(["extra"], broker.Topics);
    }

    private static KafkaClientConfigFactory ClientsFor(DevBroker broker) =>
        new(new KafkaOptions { BootstrapServers = broker.BootstrapServers, ClientId = "dev-broker-tests" });
}
