using StreamRead.Contracts.Events;
using StreamRead.Model;

using Xunit;

namespace StreamRead.IntegrationTests.Processor.Support;

/// <summary>
/// What the serving layer must answer after a history: the pure model applied once per event,
/// in the processor's order (record timestamp, then topic), with the processor's options.
/// The model itself is checked against a brute-force reference in StreamRead.Model.Tests; here it
/// is the oracle for everything between it and Redis (Kafka, changelog, receipts, sink, scripts).
/// </summary>
internal sealed class ExpectedServingState
{
    private ExpectedServingState(Dictionary<string, ConversationState> conversations, Dictionary<(string, long), string> senders)
    {
        Conversations = conversations;
        Senders = senders;
    }

    public IReadOnlyDictionary<string, ConversationState> Conversations { get; }

    /// <summary>Sender of every known message, by (conversation, seq).</summary>
    public IReadOnlyDictionary<(string Conversation, long Seq), string> Senders { get; }

    public static ExpectedServingState From(IEnumerable<ChatEvent> events, ModelOptions options)
    {
        var conversations = new Dictionary<string, ConversationState>(StringComparer.Ordinal);
        var senders = new Dictionary<(string, long), string>();
        var ordered = events.Select((e, i) => (e, i)).OrderBy(p => p.e.Time).ThenBy(p => p.e.TopicIndex).ThenBy(p => p.i);
        foreach (var (chatEvent, _) in ordered)
        {
            var id = chatEvent.Event.ConversationId;
            if (!conversations.TryGetValue(id, out var state))
            {
                conversations[id] = state = new ConversationState(id, options);
            }

            var timestamp = chatEvent.Time.ToUnixTimeMilliseconds();
            switch (chatEvent.Event)
            {
                case MessageSent m:
                    state.ApplyMessage(m.Seq, m.SenderId, m.Kind == ConversationKind.Direct, m.SentAt.ToUnixTimeMilliseconds(), timestamp);
                    senders.TryAdd((id, m.Seq), m.SenderId);
                    break;
                case ReadReported r:
                    state.ApplyRead(r.UserId, r.ReadSeq, r.Private, timestamp);
                    break;
                case MembershipChanged c:
                    state.ApplyMembership(c.UserId, c.Change == MembershipChange.Joined, c.At.ToUnixTimeMilliseconds(), c.AfterSeq, timestamp);
                    break;
            }
        }

        return new ExpectedServingState(conversations, senders);
    }

    public IReadOnlyDictionary<string, long> Versions => Conversations.ToDictionary(p => p.Key, p => p.Value.Version);

    /// <summary>Eligible members of a message who have (or have not) read it publicly, as (user, public watermark).</summary>
    public List<(string User, long ReadSeq)> Readers(string conversation, long seq, bool read)
    {
        var sender = Senders[(conversation, seq)];
        return Conversations[conversation].Members
            .Where(m => m.IsMember && m.AfterSeq < seq && m.UserId != sender && (m.PublicWatermark >= seq) == read)
            .Select(m => (m.UserId, m.PublicWatermark))
            .OrderBy(p => p.UserId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Per user: (conversation, unread, own read position, last seq) of every conversation they are a member of.</summary>
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
                    list.Add((id, state.GetUnreadCount(member.UserId), member.OwnReadPosition, state.LastSeq));
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
