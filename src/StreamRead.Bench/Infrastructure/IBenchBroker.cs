namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// The Kafka the scenarios run on: the in-process dev broker (<see cref="DevBenchBroker"/>, the
/// default) or a running cluster given by its bootstrap servers (<see cref="ClusterBenchBroker"/>).
/// Disposing stops the dev broker, or deletes the topics the bench created on the cluster.
/// </summary>
internal interface IBenchBroker : IAsyncDisposable
{
    /// <summary>What clients put in <c>bootstrap.servers</c>.</summary>
    string BootstrapServers { get; }

    /// <summary>What and where the broker is, for the report's machine table.</summary>
    string Description { get; }

    /// <summary>
    /// True for the dev broker: it runs in the bench process (its CPU counts in the bench's), serves
    /// every request on one thread and keeps at most 5 MiB per partition, which notes and errors name.
    /// </summary>
    bool IsDevBroker { get; }

    /// <summary>Start of every topic name the bench creates here; unique per run on a cluster, so reruns never meet old topics.</summary>
    string TopicPrefix { get; }

    /// <summary>Creates the topics; each has every partition served when the task completes.</summary>
    /// <exception cref="BenchBrokerException">The broker refused or could not create them; the message says what to check.</exception>
    Task CreateTopicsAsync(IReadOnlyCollection<(string Name, int Partitions)> topics, CancellationToken cancellationToken);
}
