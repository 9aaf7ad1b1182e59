using StreamRead.Contracts.Analytics;
using StreamRead.Contracts.Events;

namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>
/// The analytics facts a <see cref="ReadWorkload"/> must produce, computed straight from the SPEC
/// rules (max-merge of own and public positions, eligibility = every other member) without the
/// model, and the dashboard figures derived from those facts with plain LINQ.
/// </summary>
internal sealed class ExpectedAnalytics
{
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public List<ExpectedMessage> Messages { get; } = [];

    public List<ExpectedAdvance> Advances { get; } = [];

    public List<ExpectedMilestone> Milestones { get; } = [];

    /// <summary>Per user, the unread messages over every conversation at the end.</summary>
    public Dictionary<string, long> UnreadTotals { get; } = new(StringComparer.Ordinal);

    public static ExpectedAnalytics From(ReadWorkload workload)
    {
        var expected = new ExpectedAnalytics();
        var conversations = workload.Conversations.ToDictionary(c => c.Id, c => new Conversation(c.Members));
        foreach (var chatEvent in workload.Events)
        {
            var c = conversations[chatEvent.ConversationId];
            switch (chatEvent)
            {
                case MessageSent m:
                    c.Sent.Add((m.SenderId, m.SentAt));
                    expected.Messages.Add(new ExpectedMessage(m.ConversationId, m.Seq, m.SentAt, c.Size - 1, c.Size));
                    expected.Raise(m.ConversationId, c, m.SenderId, m.Seq, m.Seq, ReadAdvanceCause.Send, m.SentAt);
                    break;
                case ReadReported r:
                    expected.Raise(r.ConversationId, c, r.UserId, r.Private ? 0 : r.ReadSeq, r.ReadSeq, ReadAdvanceCause.Read, r.ReadAt);
                    break;
            }
        }

        foreach (var c in conversations.Values)
        {
            foreach (var (user, own) in c.Own)
            {
                expected.UnreadTotals[user] = expected.UnreadTotals.GetValueOrDefault(user) + c.Sent.Count - own;
            }
        }

        return expected;
    }

    // Own position r and public watermark w only grow; an advance of r is one fact; w covering a
    // message can make it reach a milestone (read counts are public, SPEC 2.6).
    private void Raise(string id, Conversation c, string user, long publicTo, long ownTo, ReadAdvanceCause cause, DateTimeOffset at)
    {
        var own = c.Own[user];
        var watermark = c.Public[user];
        c.Public[user] = Math.Max(watermark, publicTo);
        if (ownTo > own)
        {
            c.Own[user] = ownTo;
            // Seqs are contiguous and a user's own messages are below its position, except the one it sends now.
            var read = Enumerable.Range((int)own + 1, (int)(ownTo - own)).Select(s => (long)s)
                .Where(s => !(cause == ReadAdvanceCause.Send && s == ownTo)).ToArray();
            long? latency = read.Length == 0 ? null : (long)Math.Max(0, (at - c.SentAt(read.Max())).TotalMilliseconds);
            var perHour = read
                .Select(s => (Sent: c.SentAt(s), Age: at - c.SentAt(s)))
                .Where(m => m.Age <= Day)
                .GroupBy(m => TruncateToHour(m.Sent))
                .OrderBy(g => g.Key)
                .Select(g => new ReadThroughCount(g.Key, g.Count(m => m.Age <= Hour), g.Count()))
                .ToList();
            Advances.Add(new ExpectedAdvance(id, user, own, ownTo, read.Length, cause, c.Public[user] == watermark, c.Size, at, latency, perHour));
        }

        for (var seq = watermark + 1; seq <= c.Public[user]; seq++)
        {
            var sender = c.Sent[(int)seq - 1].Sender;
            var readers = c.Public.Count(p => p.Key != sender && p.Value >= seq);
            var eligible = c.Size - 1;
            foreach (var (milestone, reached) in new[]
                     {
                         (MessageMilestone.FirstRead, readers >= 1),
                         (MessageMilestone.HalfRead, readers * 2 >= eligible),
                         (MessageMilestone.AllRead, readers == eligible),
                     })
            {
                if (reached && c.Fired.Add((seq, milestone)))
                {
                    Milestones.Add(new ExpectedMilestone(id, seq, milestone, c.SentAt(seq), at, readers, eligible, c.Size));
                }
            }
        }
    }

    public static DateTimeOffset TruncateToHour(DateTimeOffset time) =>
        new(time.UtcDateTime.Year, time.UtcDateTime.Month, time.UtcDateTime.Day, time.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    private sealed class Conversation(string[] members)
    {
        public int Size => members.Length;

        public List<(string Sender, DateTimeOffset SentAt)> Sent { get; } = [];

        public Dictionary<string, long> Own { get; } = members.ToDictionary(m => m, _ => 0L);

        public Dictionary<string, long> Public { get; } = members.ToDictionary(m => m, _ => 0L);

        public HashSet<(long, MessageMilestone)> Fired { get; } = [];

        public DateTimeOffset SentAt(long seq) => Sent[(int)seq - 1].SentAt;
    }
}
