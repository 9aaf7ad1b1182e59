using StreamRead.Contracts.Events;

using Xunit;

namespace StreamRead.IntegrationTests.Processor.Support;

/// <summary>An input event as a test produces it: the record timestamp is the event's own time.</summary>
internal sealed record ChatEvent(IChatEvent Event)
{
    public DateTimeOffset Time => Event switch
    {
        MessageSent m => m.SentAt,
        ReadReported r => r.ReadAt,
        MembershipChanged c => c.At,
        _ => throw new ArgumentException("unknown event"),
    };

    /// <summary>The processor's tie order for equal timestamps: messages, reads, members.</summary>
    public int TopicIndex => Event switch
    {
        MessageSent => 0,
        ReadReported => 1,
        _ => 2,
    };
}
