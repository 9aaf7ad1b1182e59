using StreamRead.Model;

namespace StreamRead.Benchmarks.Model;

/// <summary>
/// A group conversation built for a benchmark: members who joined at the start, a message history,
/// and members' watermarks spread over the hot window (200 distinct values), as in a group where
/// people read at different paces.
/// </summary>
internal sealed class GroupFixture
{
    public const long T0 = 1_700_000_000_000;
    public const string Sender = "sender";
    public const int Spread = 200;

    public GroupFixture(int members, int messages)
    {
        State = new ConversationState("bench", new ModelOptions());
        Users = new string[members];
        Watermarks = new long[members];
        State.ApplyMembership(Sender, joined: true, T0, afterSeq: 0, T0);
        for (int i = 0; i < members; i++)
        {
            Users[i] = $"user-{i:D6}";
            State.ApplyMembership(Users[i], joined: true, T0, afterSeq: 0, T0);
        }

        for (long seq = 1; seq <= messages; seq++)
        {
            AppendMessage();
        }

        for (int i = 0; i < members; i++)
        {
            Watermarks[i] = Math.Max(0, LastSeq - 1 - (i % Spread));
            State.ApplyRead(Users[i], Watermarks[i], isPrivate: false, NowMs);
        }

        State.DrainChanges();
    }

    public ConversationState State { get; }

    public string[] Users { get; }

    public long[] Watermarks { get; }

    public long LastSeq { get; private set; }

    public long NowMs { get; private set; } = T0;

    public void AppendMessage()
    {
        LastSeq++;
        NowMs += 10;
        State.ApplyMessage(LastSeq, Sender, isDirect: false, NowMs, NowMs);
    }
}
