using StreamRead.Contracts.Topics;

namespace StreamRead.Kafka.Producing;

/// <summary>
/// The topics <see cref="ChatEventProducer"/> writes each event type to. <see cref="Default"/> is what
/// the processor reads; other names suit tests or a prefixed deployment.
/// </summary>
/// <param name="Messages">Where <c>MessageSent</c> goes.</param>
/// <param name="Reads">Where <c>ReadReported</c> goes.</param>
/// <param name="Members">Where <c>MembershipChanged</c> goes.</param>
public sealed record ChatEventTopics(string Messages, string Reads, string Members)
{
    /// <summary>The standard input topics of SPEC 1.</summary>
    public static ChatEventTopics Default { get; } = new(TopicNames.Messages, TopicNames.Reads, TopicNames.Members);
}
