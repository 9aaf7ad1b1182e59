using StreamRead.Contracts.Events;

namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>
/// A known, seeded chat history for the analytics tests: two direct conversations, a team of 6 and
/// a group of 40 (three group-size buckets), everyone joined at <see cref="Start"/>, messages and
/// read reports (some stale, some private) spread over 34 hours, so latencies, read-through within
/// 1 h and 24 h, several days and many minutes all occur. Reports never reach past the last message
/// (no pending reads) and no one leaves, so <see cref="ExpectedAnalytics"/> can compute every fact
/// from the rules alone. Every event has its own millisecond.
/// </summary>
internal sealed class ReadWorkload
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private ReadWorkload(IReadOnlyList<WorkloadConversation> conversations, IReadOnlyList<IChatEvent> events)
    {
        Conversations = conversations;
        Events = events;
    }

    public IReadOnlyList<WorkloadConversation> Conversations { get; }

    /// <summary>The events in time order.</summary>
    public IReadOnlyList<IChatEvent> Events { get; }

    public static ReadWorkload Create(int seed)
    {
        var random = new Random(seed);
        var used = new HashSet<long>();
        DateTimeOffset Distinct(DateTimeOffset time)
        {
            var ms = time.ToUnixTimeMilliseconds();
            while (!used.Add(ms))
            {
                ms++;
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        string[] Users(int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(i => $"u{i}")];
        WorkloadConversation[] conversations =
        [
            new("d-1", ConversationKind.Direct, Users(1, 2), Messages: 8, ReadsPerMember: 4),
            new("d-2", ConversationKind.Direct, ["u3", "u7"], Messages: 8, ReadsPerMember: 4),
            new("t-1", ConversationKind.Group, Users(1, 6), Messages: 20, ReadsPerMember: 4),
            new("g-1", ConversationKind.Group, Users(1, 40), Messages: 30, ReadsPerMember: 3),
        ];

        var events = new List<(DateTimeOffset Time, IChatEvent Event)>();
        foreach (var c in conversations)
        {
            foreach (var user in c.Members)
            {
                var at = Distinct(Start);
                events.Add((at, new MembershipChanged(c.Id, user, MembershipChange.Joined, at, AfterSeq: 0)));
            }

            var sends = Enumerable.Range(0, c.Messages)
                .Select(_ => Distinct(Start.AddMinutes(10).AddSeconds(random.Next(0, 30 * 3600))))
                .Order()
                .ToArray();
            for (var i = 0; i < sends.Length; i++)
            {
                events.Add((sends[i], new MessageSent(c.Id, i + 1, c.Members[random.Next(c.Members.Length)], sends[i], c.Kind)));
            }

            foreach (var user in c.Members)
            {
                for (var r = 0; r < c.ReadsPerMember; r++)
                {
                    var at = Distinct(Start.AddMinutes(10).AddSeconds(random.Next(0, 34 * 3600)));
                    var last = sends.Count(s => s < at);
                    if (last == 0)
                    {
                        continue;
                    }

                    // Some reports are stale (a lagging device), some private (SPEC 2.6).
                    var seq = random.NextDouble() < 0.15 ? Math.Max(1, last - 2) : last;
                    events.Add((at, new ReadReported(c.Id, user, seq, at, Private: random.NextDouble() < 0.1)));
                }
            }
        }

        return new ReadWorkload(conversations, [.. events.OrderBy(e => e.Time).Select(e => e.Event)]);
    }

    /// <summary>The event's own time, which the producer also uses as the Kafka record timestamp.</summary>
    public static DateTimeOffset TimeOf(IChatEvent chatEvent) => chatEvent switch
    {
        MessageSent m => m.SentAt,
        ReadReported r => r.ReadAt,
        MembershipChanged c => c.At,
        _ => throw new ArgumentException($"unexpected event {chatEvent.GetType().Name}", nameof(chatEvent)),
    };
}
