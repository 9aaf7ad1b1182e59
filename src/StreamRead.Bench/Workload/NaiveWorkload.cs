using StreamRead.Bench.Infrastructure;

namespace StreamRead.Bench.Workload;

/// <summary>One event of the naive-design comparison, with the record StreamRead consumes for it.</summary>
internal sealed record NaiveEvent(BenchRecord Record, string ConversationId, string UserId, long Seq, bool IsJoin, bool IsRead);

/// <summary>
/// Groups of a fixed size: every member joins (setup), then messages from random members, each
/// followed by read reports of random members reading up to it.
/// </summary>
internal sealed class NaiveWorkload
{
    public NaiveWorkload(ChatRecords records, IReadOnlyList<string> groups, int members, int messages, int readsPerMessage)
    {
        var random = new Random(6);
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        foreach (var group in groups)
        {
            for (var m = 0; m < members; m++)
            {
                var user = $"{group}-u{m}";
                Setup.Add(new NaiveEvent(records.Join(group, user, at), group, user, 0, IsJoin: true, IsRead: false));
            }
        }

        for (var seq = 1; seq <= messages; seq++)
        {
            foreach (var group in groups)
            {
                var sender = $"{group}-u{random.Next(members)}";
                Timed.Add(new NaiveEvent(records.Message(group, seq, sender, at), group, sender, seq, IsJoin: false, IsRead: false));
                for (var r = 0; r < readsPerMessage; r++)
                {
                    var reader = $"{group}-u{random.Next(members)}";
                    Timed.Add(new NaiveEvent(records.Read(group, reader, seq, at), group, reader, seq, IsJoin: false, IsRead: true));
                }
            }
        }
    }

    public List<NaiveEvent> Setup { get; } = [];

    public List<NaiveEvent> Timed { get; } = [];

    /// <summary>Records per conversation: the version StreamRead reaches after applying them.</summary>
    public IReadOnlyDictionary<string, long> Versions(IEnumerable<NaiveEvent> events) =>
        events.GroupBy(e => e.ConversationId).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
}
