using StreamRead.Kafka.Dev;

namespace StreamRead.Bench.Infrastructure;

/// <summary>The default broker: librdkafka's mock cluster in the bench process (<see cref="DevBroker"/>) on a free port.</summary>
internal sealed class DevBenchBroker(DevBroker broker) : IBenchBroker
{
    public string BootstrapServers => broker.BootstrapServers;

    public string Description => Describe(broker.BrokerCount);

    public bool IsDevBroker => true;

    /// <summary>The broker is the run's own, so plain names do.</summary>
    public string TopicPrefix => "bench-";

    public static DevBenchBroker Start() => new(DevBroker.Start(new DevBrokerOptions { Port = 0 }));

    public Task CreateTopicsAsync(IReadOnlyCollection<(string Name, int Partitions)> topics, CancellationToken cancellationToken)
    {
        foreach (var (name, partitions) in topics)
        {
            broker.CreateTopic(name, partitions);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => broker.DisposeAsync();

    internal static string Describe(int brokers) =>
        $"dev broker: librdkafka's mock cluster in the bench process, {brokers} broker{(brokers == 1 ? "" : "s")}";
}
