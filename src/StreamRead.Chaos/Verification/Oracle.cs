using StreamRead.Contracts.Events;
using StreamRead.Model;

namespace StreamRead.Chaos;

/// <summary>
/// What an uninterrupted run must end with: the pure model applied once to every valid record, in
/// the processor's order (record timestamp, then topic, then production order). Valid histories
/// whose joins carry an explicit afterSeq make the serving state independent of how the processor
/// interleaves the topics, so any correct run, with or without faults, ends exactly here
/// (StreamRead.Model.Tests pins that). A join without afterSeq takes the last seq the processor
/// knows when it applies it (SPEC 1), so the workloads here always give one.
/// </summary>
internal sealed class Oracle
{
    private Oracle(Dictionary<string, ConversationState> conversations, Dictionary<(string, long), string> senders, HashSet<string> users)
    {
        Conversations = conversations;
        Senders = senders;
        Users = users;
    }

    public IReadOnlyDictionary<string, ConversationState> Conversations { get; }

    /// <summary>The sender of every known message.</summary>
    public IReadOnlyDictionary<(string Conversation, long Seq), string> Senders { get; }

    /// <summary>Every user seen anywhere.</summary>
    public IReadOnlySet<string> Users { get; }

    public long Records => Conversations.Values.Sum(c => c.Version);

    /// <summary>The version every conversation must reach: the records applied to it.</summary>
    public IReadOnlyDictionary<string, long> Versions => Conversations.ToDictionary(p => p.Key, p => p.Value.Version);

    /// <summary>The oracle of a chaos run's records: its valid ones.</summary>
    public static Oracle From(IEnumerable<InputRecord> records, ModelOptions options) =>
        From(records.Where(r => r.IsValid).Select(r => (r.Event!, r.Timestamp, r.TopicIndex)), options);

    /// <summary>The oracle of valid events with their record timestamps and input topics (0 messages, 1 reads, 2 members).</summary>
    public static Oracle From(IEnumerable<(IChatEvent Event, DateTimeOffset Timestamp, int TopicIndex)> events, ModelOptions options)
    {
        var conversations = new Dictionary<string, ConversationState>(StringComparer.Ordinal);
        var senders = new Dictionary<(string, long), string>();
        var users = new HashSet<string>(StringComparer.Ordinal);
        var ordered = events.Select((e, i) => (e, i)).OrderBy(p => p.e.Timestamp).ThenBy(p => p.e.TopicIndex).ThenBy(p => p.i);
        foreach (var ((chatEvent, recordTime, _), _) in ordered)
        {
            var id = chatEvent.ConversationId;
            if (!conversations.TryGetValue(id, out var state))
            {
                conversations[id] = state = new ConversationState(id, options);
            }

            var timestamp = recordTime.ToUnixTimeMilliseconds();
            switch (chatEvent)
            {
                case MessageSent m:
                    state.ApplyMessage(m.Seq, m.SenderId, m.Kind == ConversationKind.Direct, m.SentAt.ToUnixTimeMilliseconds(), timestamp);
                    senders.TryAdd((id, m.Seq), m.SenderId);
                    users.Add(m.SenderId);
                    break;
                case ReadReported r:
                    state.ApplyRead(r.UserId, r.ReadSeq, r.Private, timestamp);
                    users.Add(r.UserId);
                    break;
                case MembershipChanged c:
                    state.ApplyMembership(c.UserId, c.Change == MembershipChange.Joined, c.At.ToUnixTimeMilliseconds(), c.AfterSeq, timestamp);
                    users.Add(c.UserId);
                    break;
            }
        }

        return new Oracle(conversations, senders, users);
    }

    /// <summary>Eligible members of a message who have (or have not) read it publicly, as (user, public watermark), by user.</summary>
    public List<(string User, long ReadSeq)> Readers(string conversation, long seq, bool read)
    {
        var sender = Senders[(conversation, seq)];
        return Conversations[conversation].Members
            .Where(m => m.IsMember && m.AfterSeq < seq && m.UserId != sender && (m.PublicWatermark >= seq) == read)
            .Select(m => (m.UserId, m.PublicWatermark))
            .OrderBy(p => p.UserId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A user's badges: (conversation, unread, own read position, last seq) of every conversation they are a member of, by conversation.</summary>
    public Dictionary<string, List<(string Conversation, long Unread, long ReadSeq, long LastSeq)>> Badges()
    {
        var badges = new Dictionary<string, List<(string, long, long, long)>>(StringComparer.Ordinal);
        foreach (var (id, state) in Conversations)
        {
            foreach (var member in state.Members)
            {
                if (!badges.TryGetValue(member.UserId, out var list))
                {
                    badges[member.UserId] = list = [];
                }

                if (member.IsMember)
                {
                    list.Add((id, member.Unread, member.OwnReadPosition, state.LastSeq));
                }
            }
        }

        foreach (var list in badges.Values)
        {
            list.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        }

        return badges;
    }
}
