using System.Diagnostics.CodeAnalysis;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Events;

namespace StreamRead.Contracts.Parsing;

/// <summary>The outcome of <see cref="InputRecordParser.Parse"/>: either a typed event or the reason to dead-letter the record.</summary>
public readonly struct ParseResult
{
    private ParseResult(IChatEvent? chatEvent, DeadLetterReason? reason)
    {
        Event = chatEvent;
        Reason = reason;
    }

    /// <summary>The parsed event (<see cref="MessageSent"/>, <see cref="ReadReported"/> or <see cref="MembershipChanged"/>); null when invalid.</summary>
    public IChatEvent? Event { get; }

    /// <summary>Why the record must go to the dead-letter topic; null when valid.</summary>
    public DeadLetterReason? Reason { get; }

    /// <summary>True when <see cref="Event"/> is set, false when <see cref="Reason"/> is.</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsValid => Event is not null;

    internal static ParseResult Valid(IChatEvent chatEvent) => new(chatEvent, null);

    internal static ParseResult Invalid(DeadLetterReason reason) => new(null, reason);

    internal static ParseResult Invalid(DeadLetterReasonCode code, string message) => new(null, new DeadLetterReason(code, message));

    /// <summary>The event or the reason, for test output and logs.</summary>
    public override string ToString() =>
        Event?.ToString() ?? (Reason is null ? "(no result)" : $"{Reason.Code.ToWireName()}: {Reason.Message}");
}
