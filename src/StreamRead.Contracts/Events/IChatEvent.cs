namespace StreamRead.Contracts.Events;

/// <summary>An input event of SPEC section 1. Every input record is keyed by its conversation.</summary>
public interface IChatEvent
{
    /// <summary>The conversation the event belongs to; also the Kafka record key.</summary>
    string ConversationId { get; }
}
