using StreamRead.Contracts.Events;

namespace StreamRead.Chaos;

/// <summary>
/// One record a chaos run produces to an input topic: a valid event (which the oracle applies) or
/// a fuzzed record (which must be dead-lettered with <see cref="ExpectedReason"/>).
/// </summary>
/// <param name="TopicIndex">0 chat.messages, 1 chat.reads, 2 chat.members.</param>
/// <param name="Key">The record key (null for none).</param>
/// <param name="Value">The record value (null for a tombstone).</param>
/// <param name="Timestamp">The record timestamp: the event time (SPEC 2.5).</param>
/// <param name="Event">The event the processor must apply, when the record is valid.</param>
/// <param name="ExpectedReason">The dead-letter reason code the record must get, when it is invalid.</param>
/// <param name="Kind">What the fuzzer did, for reports.</param>
internal sealed record InputRecord(int TopicIndex, byte[]? Key, byte[]? Value, DateTimeOffset Timestamp, IChatEvent? Event, string? ExpectedReason, string Kind)
{
    public bool IsValid => Event is not null;

    public string ConversationId => Event?.ConversationId ?? string.Empty;

    public static InputRecord Of(IChatEvent chatEvent, string kind = "valid") => new(
        TopicIndexOf(chatEvent),
        System.Text.Encoding.UTF8.GetBytes(chatEvent.ConversationId),
        Contracts.Json.ContractsSerializer.Serialize(chatEvent),
        TimeOf(chatEvent),
        chatEvent,
        null,
        kind);

    public static int TopicIndexOf(IChatEvent chatEvent) => chatEvent switch
    {
        MessageSent => 0,
        ReadReported => 1,
        _ => 2,
    };

    public static DateTimeOffset TimeOf(IChatEvent chatEvent) => chatEvent switch
    {
        MessageSent m => m.SentAt,
        ReadReported r => r.ReadAt,
        MembershipChanged c => c.At,
        _ => throw new ArgumentException("unknown event", nameof(chatEvent)),
    };
}
