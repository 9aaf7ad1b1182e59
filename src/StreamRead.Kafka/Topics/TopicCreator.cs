using System.Diagnostics;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace StreamRead.Kafka.Topics;

/// <summary>
/// Creates topics on a Kafka cluster with the admin client and returns once every partition has a
/// leader: CreateTopics returns when the controller has recorded a topic, and a produce, fetch or
/// assignment before the brokers serve it fails with UNKNOWN_TOPIC_OR_PARTITION.
/// </summary>
/// <remarks>
/// Not for the dev broker: librdkafka's mock cluster times out on CreateTopics (it creates topics
/// through <see cref="Dev.DevBroker.CreateTopic"/>).
/// </remarks>
public static class TopicCreator
{
    /// <summary>How long the controller gets to create the topics, and then the brokers to serve every partition.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Creates the topics in one request and waits for their leaders. A topic that exists already
    /// counts as created: someone made it meanwhile (callers that need fresh topics use fresh names).
    /// </summary>
    /// <exception cref="TopicCreationException">
    /// The cluster refused some topics (<see cref="TopicCreationException.Failures"/> names them with
    /// its reasons); the others were created and have their leaders.
    /// </exception>
    /// <exception cref="KafkaException">The request failed as a whole: the cluster is unreachable or does not support CreateTopics.</exception>
    /// <exception cref="TimeoutException">A topic still had partitions without a leader after <see cref="Timeout"/>.</exception>
    public static async Task CreateAsync(IAdminClient admin, IReadOnlyCollection<TopicSpecification> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(topics);
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await admin.CreateTopicsAsync(topics, new CreateTopicsOptions { RequestTimeout = Timeout, OperationTimeout = Timeout }).WaitAsync(cancellationToken);
        }
        catch (CreateTopicsException ex)
        {
            foreach (var result in ex.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists))
            {
                failures[result.Topic] = result.Error.Reason;
            }
        }

        await WaitForLeadersAsync(admin, [.. topics.Where(t => !failures.ContainsKey(t.Name))], cancellationToken);
        if (failures.Count > 0)
        {
            throw new TopicCreationException(failures);
        }
    }

    private static async Task WaitForLeadersAsync(IAdminClient admin, List<TopicSpecification> pending, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            pending.RemoveAll(t => IsServed(admin, t));
            if (pending.Count == 0)
            {
                return;
            }

            if (clock.Elapsed > Timeout)
            {
                throw new TimeoutException(
                    $"{string.Join(", ", pending.Select(t => t.Name))}: still partitions without a leader {Timeout.TotalSeconds:0} s after creation " +
                    "(or, for a topic that existed already, another partition count): check that the cluster's brokers are up and in sync");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Every partition is there and has a leader; a metadata call that fails counts as not yet.</summary>
    private static bool IsServed(IAdminClient admin, TopicSpecification topic)
    {
        try
        {
            var metadata = admin.GetMetadata(topic.Name, MetadataTimeout).Topics.SingleOrDefault(t => t.Topic == topic.Name);
            return metadata is { Error.IsError: false, Partitions.Count: > 0 }
                && (topic.NumPartitions < 1 || metadata.Partitions.Count == topic.NumPartitions)
                && metadata.Partitions.All(p => p.Leader >= 0);
        }
        catch (KafkaException)
        {
            return false;
        }
    }
}
