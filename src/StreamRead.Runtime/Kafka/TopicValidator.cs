using Confluent.Kafka;
using StreamRead.Kafka.Configuration;

namespace StreamRead.Runtime.Kafka;

/// <summary>Checks, before the processor starts, that its topics exist and are co-partitioned (SPEC 1).</summary>
internal sealed class TopicValidator(KafkaClientConfigFactory configs, TopicSet topics)
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Returns the common partition count.</summary>
    /// <param name="hasControlTopic">
    /// Whether <c>streamread.control</c> exists. It is optional: without it the processor runs, but
    /// cannot receive serving-store rebuild requests.
    /// </param>
    /// <exception cref="ProcessorConfigurationException">A topic is missing or the counts differ; the message says what to do.</exception>
    public int ValidateCoPartitioning(out bool hasControlTopic)
    {
        using var admin = new AdminClientBuilder(configs.CreateAdminClientConfig()).Build();
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(MetadataTimeout);
        }
        catch (KafkaException e)
        {
            throw new ProcessorConfigurationException(
                $"cannot reach Kafka at {configs.BootstrapServers} ({e.Error.Reason}): start the dev broker " +
                "(./streamread dev-broker) or set Kafka:BootstrapServers", e);
        }

        hasControlTopic = metadata.Topics.Any(t => t.Topic == topics.Control && !t.Error.IsError && t.Partitions.Count > 0);
        var counts = new Dictionary<string, int>();
        var required = topics.Inputs.Append(topics.Changelog).Append(topics.Receipts).Append(topics.DeadLetter).Append(topics.Analytics).ToList();
        foreach (var name in required)
        {
            var topic = metadata.Topics.FirstOrDefault(t => t.Topic == name);
            if (topic is null || topic.Error.IsError)
            {
                throw new ProcessorConfigurationException(
                    $"topic '{name}' does not exist on {configs.BootstrapServers}: create the topics with " +
                    "'./streamread topics create' (or start './streamread dev-broker', which creates them)");
            }

            counts[name] = topic.Partitions.Count;
        }

        var inputs = topics.Inputs.Select(t => (Topic: t, Partitions: counts[t])).ToList();
        if (inputs.Select(i => i.Partitions).Distinct().Count() != 1)
        {
            throw new ProcessorConfigurationException(
                "the input topics are not co-partitioned (" + string.Join(", ", inputs.Select(i => $"{i.Topic}: {i.Partitions}")) +
                "): all three need the same partition count so one instance owns every event of a conversation; " +
                "recreate them from topics/ (./streamread topics create)");
        }

        var partitions = inputs[0].Partitions;
        if (counts[topics.Changelog] != partitions)
        {
            throw new ProcessorConfigurationException(
                $"'{topics.Changelog}' has {counts[topics.Changelog]} partitions but the inputs have {partitions}: " +
                "the changelog needs one partition per input partition; recreate it from topics/");
        }

        return partitions;
    }
}
