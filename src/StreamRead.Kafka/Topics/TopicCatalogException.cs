namespace StreamRead.Kafka.Topics;

/// <summary>
/// The topics folder cannot be found or one of its definitions is wrong. The message names each
/// file at fault and says how to fix it; <see cref="Problems"/> holds the same lines one by one.
/// </summary>
public sealed class TopicCatalogException : Exception
{
    /// <summary>Creates the exception for one or more problems.</summary>
    public TopicCatalogException(IReadOnlyList<string> problems)
        : base(problems.Count == 1
            ? problems[0]
            : $"{problems.Count} problems in the topic definitions:{Environment.NewLine}  " +
              string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for a single problem.</summary>
    public TopicCatalogException(string problem)
        : this([problem])
    {
    }

    /// <summary>Each problem found, as a sentence naming the file and the fix.</summary>
    public IReadOnlyList<string> Problems { get; }
}
