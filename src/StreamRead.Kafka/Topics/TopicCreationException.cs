namespace StreamRead.Kafka.Topics;

/// <summary>The cluster refused to create some topics (the others of the request were created).</summary>
public sealed class TopicCreationException : Exception
{
    /// <summary>Creates the exception; the message has one line per topic with the cluster's reason.</summary>
    public TopicCreationException(IReadOnlyDictionary<string, string> failures)
        : base(string.Join(Environment.NewLine, failures.Select(f => $"topic {f.Key} was not created: {f.Value}")))
    {
        Failures = failures;
    }

    /// <summary>Each topic that was not created, with the cluster's reason.</summary>
    public IReadOnlyDictionary<string, string> Failures { get; }
}
