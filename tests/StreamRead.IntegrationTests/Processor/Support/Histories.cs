using StreamRead.Contracts.Events;

using Xunit;

namespace StreamRead.IntegrationTests.Processor.Support;

/// <summary>Event histories for the processor tests.</summary>
internal static class Histories
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The scripted conversation of <see cref="ProcessorPipelineTests"/>: every SPEC 2 rule once,
    /// with hand-computed expectations there. Times are seconds after <see cref="Start"/>.
    /// </summary>
    public static List<ChatEvent> Scripted(string c)
    {
        DateTimeOffset T(int seconds) => Start.AddSeconds(seconds);
        ChatEvent Join(string u, int t, long? after = 0) => new(new MembershipChanged(c, u, MembershipChange.Joined, T(t), after));
        ChatEvent Leave(string u, int t) => new(new MembershipChanged(c, u, MembershipChange.Left, T(t)));
        ChatEvent Send(long seq, string u, int t) => new(new MessageSent(c, seq, u, T(t)));
        ChatEvent Read(string u, long seq, int t, bool isPrivate = false) => new(new ReadReported(c, u, seq, T(t), "phone", isPrivate));
        return
        [
            Join("a", 0), Join("b", 0), Join("c", 0), Join("f", 0),
            Send(1, "a", 1), Send(2, "a", 2), Send(3, "a", 3),
            Read("b", 2, 10),
            Read("c", 3, 11, isPrivate: true),
            Join("d", 20, after: null),                       // afterSeq absent: the last seq then, 3
            Send(4, "a", 30),
            Read("b", 4, 40), Read("b", 4, 41),               // duplicate report
            Read("c", 1, 50),                                 // public, lower than c's private position
            Leave("c", 60),
            Read("c", 4, 70),                                 // a stale device after leaving
            Read("e", 1_000_000_000_000_000, 100),            // never joined: member since the beginning; 10^15
            Send(5, "a", 105),                                // within e's 60 s window: covered
            Send(6, "b", 300),                                // beyond it: not covered
            Read("f", 6, 310, isPrivate: true),
        ];
    }

    /// <summary>
    /// <see cref="Scripted"/> with d's join given its afterSeq (3) explicitly: the one event whose
    /// result depends on the order the processor applies the three topics in. For tests where a
    /// restarted processor may pass <c>Processor:MaxTaskIdle</c> and take the send first; the
    /// absent-afterSeq rule keeps its hand-computed case in <see cref="ProcessorPipelineTests"/>.
    /// </summary>
    public static List<ChatEvent> ScriptedInAnyOrder(string c) =>
        Scripted(c).Select(e => e.Event is MembershipChanged { AfterSeq: null } join ? new ChatEvent(join with { AfterSeq = 3 }) : e).ToList();

    /// <summary>
    /// A seeded valid history over several conversations: joins, leaves and rejoins with explicit
    /// afterSeq, messages with times rising with seq (and gaps), public, private and early reads,
    /// redeliveries. Valid histories make the result independent of how the processor interleaves
    /// the three topics (StreamRead.Model.Tests pins that).
    /// </summary>
    public static List<ChatEvent> Random(int seed, string prefix, int conversations, int users, int events, DateTimeOffset start)
    {
        var random = new Random(seed);
        var history = new List<ChatEvent>();
        var lastSeq = new long[conversations];
        var time = start;
        for (var i = 0; i < events; i++)
        {
            time = time.AddMilliseconds(random.Next(1, 400));
            var index = random.Next(conversations);
            var c = $"{prefix}{index}";
            var user = $"u{random.Next(users)}";
            var roll = random.Next(100);
            IChatEvent e;
            if (roll < 4 && history.Count > 0)
            {
                history.Add(history[random.Next(history.Count)]);
                continue;
            }

            if (roll < 18)
            {
                var joined = random.Next(4) > 0;
                e = new MembershipChanged(c, user, joined ? MembershipChange.Joined : MembershipChange.Left, time,
                    Math.Max(0, lastSeq[index] - random.Next(3)));
            }
            else if (roll < 48)
            {
                lastSeq[index] += random.Next(12) == 0 ? 2 : 1;
                e = new MessageSent(c, lastSeq[index], user, time, index % 5 == 0 ? ConversationKind.Direct : ConversationKind.Group);
            }
            else
            {
                var seq = Math.Max(1, lastSeq[index] - random.Next(4) + (random.Next(8) == 0 ? 2 : 0));
                e = new ReadReported(c, user, seq, time, $"d{random.Next(2)}", random.Next(5) == 0);
            }

            history.Add(new ChatEvent(e));
        }

        return history;
    }

    /// <summary>A group of <paramref name="members"/>: u0 sends 3 messages; u1..u50000 read 3 publicly, u50001..u60000 read 2 privately.</summary>
    public static List<ChatEvent> Huge(string c, int members)
    {
        var events = new List<ChatEvent>(members + 70_000);
        for (var u = 0; u < members; u++)
        {
            events.Add(new(new MembershipChanged(c, $"u{u}", MembershipChange.Joined, Start, 0)));
        }

        for (var seq = 1; seq <= 3; seq++)
        {
            events.Add(new(new MessageSent(c, seq, "u0", Start.AddSeconds(seq))));
        }

        for (var u = 1; u <= Math.Min(50_000, members - 1); u++)
        {
            events.Add(new(new ReadReported(c, $"u{u}", 3, Start.AddSeconds(10))));
        }

        for (var u = 50_001; u < Math.Min(60_001, members); u++)
        {
            events.Add(new(new ReadReported(c, $"u{u}", 2, Start.AddSeconds(11), null, Private: true)));
        }

        return events;
    }
}
