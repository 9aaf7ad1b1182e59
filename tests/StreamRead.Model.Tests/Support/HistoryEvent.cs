using StreamRead.Model;

namespace StreamRead.Model.Tests.Support;

/// <summary>One input record of a conversation history, as the processor would apply it.</summary>
internal abstract record HistoryEvent
{
    public abstract void ApplyTo(ConversationState state);
}

/// <summary>A <c>chat.messages</c> record.</summary>
internal sealed record MessageEvent(long Seq, string Sender, bool IsDirect, long SentAtMs, long TimestampMs) : HistoryEvent
{
    public override void ApplyTo(ConversationState state) => state.ApplyMessage(Seq, Sender, IsDirect, SentAtMs, TimestampMs);

    public override string ToString() => $"msg({Seq} by {Sender}{(IsDirect ? " direct" : "")} @{TimestampMs})";
}

/// <summary>A <c>chat.reads</c> record.</summary>
internal sealed record ReadEvent(string User, long ReadSeq, bool IsPrivate, long TimestampMs) : HistoryEvent
{
    public override void ApplyTo(ConversationState state) => state.ApplyRead(User, ReadSeq, IsPrivate, TimestampMs);

    public override string ToString() => $"read({User} {ReadSeq}{(IsPrivate ? " private" : "")} @{TimestampMs})";
}

/// <summary>A <c>chat.members</c> record.</summary>
internal sealed record MembershipEvent(string User, bool Joined, long AtMs, long? AfterSeq, long TimestampMs) : HistoryEvent
{
    public override void ApplyTo(ConversationState state) => state.ApplyMembership(User, Joined, AtMs, AfterSeq, TimestampMs);

    public override string ToString() =>
        $"{(Joined ? "join" : "leave")}({User} at {AtMs}{(Joined ? $" after {AfterSeq?.ToString() ?? "last"}" : "")} @{TimestampMs})";
}
