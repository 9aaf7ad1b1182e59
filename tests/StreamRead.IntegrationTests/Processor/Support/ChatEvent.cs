using StreamRead.Chaos;
using StreamRead.Contracts.Events;

namespace StreamRead.IntegrationTests.Processor.Support;

/// <summary>An input event as a test produces it: the record timestamp is the event's own time.</summary>
internal sealed record ChatEvent(IChatEvent Event)
{
    public DateTimeOffset Time => InputRecord.TimeOf(Event);

    /// <summary>The processor's tie order for equal timestamps: messages, reads, members.</summary>
    public int TopicIndex => InputRecord.TopicIndexOf(Event);
}
