using StreamRead.Contracts.Events;

namespace StreamRead.Chaos;

/// <summary>
/// Seeded valid chat histories over many conversations: joins, leaves and rejoins with explicit
/// afterSeq, messages with times rising with seq (gaps included, some direct conversations),
/// public, private and early reads, redeliveries, and users who only ever read privately (the
/// privacy scan looks for them). Valid histories give the same result whatever the order the
/// processor interleaves the three topics in (StreamRead.Model.Tests pins that).
/// </summary>
internal static class WorkloadGenerator
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The prefix of users who only ever read privately: their public watermark stays 0 everywhere.</summary>
    public const string PrivateReaderPrefix = "p";

    public static List<IChatEvent> Generate(int seed, string conversationPrefix, int conversations, int users, int privateReaders, int events, DateTimeOffset start)
    {
        var random = new Random(seed);
        var history = new List<IChatEvent>(events);
        var lastSeq = new long[conversations];
        var time = start;
        while (history.Count < events)
        {
            time = time.AddMilliseconds(random.Next(1, 60));
            var index = random.Next(conversations);
            var c = $"{conversationPrefix}{index}";
            var user = $"u{random.Next(users)}";
            var roll = random.Next(100);
            if (roll < 4 && history.Count > 0)
            {
                history.Add(history[random.Next(history.Count)]); // a redelivery
                continue;
            }

            if (roll < 16)
            {
                var member = random.Next(10) == 0 ? $"{PrivateReaderPrefix}{random.Next(privateReaders)}" : user;
                var joined = random.Next(4) > 0;
                history.Add(new MembershipChanged(c, member, joined ? MembershipChange.Joined : MembershipChange.Left, time,
                    Math.Max(0, lastSeq[index] - random.Next(3))));
            }
            else if (roll < 46)
            {
                lastSeq[index] += random.Next(12) == 0 ? 2 : 1;
                history.Add(new MessageSent(c, lastSeq[index], user, time, index % 5 == 0 ? ConversationKind.Direct : ConversationKind.Group));
            }
            else
            {
                var seq = Math.Max(1, lastSeq[index] - random.Next(4) + (random.Next(8) == 0 ? 2 : 0));
                history.Add(random.Next(8) == 0
                    ? new ReadReported(c, $"{PrivateReaderPrefix}{random.Next(privateReaders)}", seq, time, "d0", Private: true)
                    : new ReadReported(c, user, seq, time, $"d{random.Next(2)}", random.Next(5) == 0));
            }
        }

        return history;
    }

    public static bool IsPrivateReader(string userId) =>
        userId.StartsWith(PrivateReaderPrefix, StringComparison.Ordinal) && userId.Length > 1 && char.IsAsciiDigit(userId[1]);
}
