using StreamRead.Model;

namespace StreamRead.Model.Tests.Support;

/// <summary>
/// A conversation driven in plain words for the examples: a clock in seconds, and every record
/// stamped with it (record timestamp, sentAt and membership <c>at</c> alike unless given).
/// </summary>
internal sealed class Chat(ModelOptions? options = null)
{
    public const long T0 = 1_700_000_000_000;

    private long nowMs = T0;

    public ConversationState State { get; } = new("g-42", options ?? new ModelOptions());

    /// <summary>Sets the clock to <paramref name="seconds"/> after the start.</summary>
    public Chat At(double seconds)
    {
        nowMs = T0 + (long)(seconds * 1000);
        return this;
    }

    public long NowMs => nowMs;

    public Chat Send(long seq, string sender, bool direct = false)
    {
        State.ApplyMessage(seq, sender, direct, nowMs, nowMs);
        return this;
    }

    public Chat Send(string sender, params long[] seqs)
    {
        foreach (long seq in seqs)
        {
            Send(seq, sender);
        }

        return this;
    }

    public Chat Read(string user, long readSeq)
    {
        State.ApplyRead(user, readSeq, isPrivate: false, nowMs);
        return this;
    }

    public Chat ReadPrivately(string user, long readSeq)
    {
        State.ApplyRead(user, readSeq, isPrivate: true, nowMs);
        return this;
    }

    public Chat Join(string user, long? afterSeq, double? atSeconds = null)
    {
        State.ApplyMembership(user, joined: true, AtMs(atSeconds), afterSeq, nowMs);
        return this;
    }

    public Chat Join(params string[] users)
    {
        foreach (string user in users)
        {
            Join(user, afterSeq: 0);
        }

        return this;
    }

    public Chat Leave(string user, double? atSeconds = null)
    {
        State.ApplyMembership(user, joined: false, AtMs(atSeconds), afterSeq: null, nowMs);
        return this;
    }

    public ReceiptCounts Receipt(long seq) =>
        State.GetReceipt(seq) ?? throw new InvalidOperationException($"seq {seq} is not a known message");

    public MemberView Member(string user) =>
        State.GetMember(user) ?? throw new InvalidOperationException($"user {user} was never seen");

    public long Badge(string user) => State.GetUnreadCount(user);

    private long AtMs(double? atSeconds) => atSeconds is double s ? T0 + (long)(s * 1000) : nowMs;
}
