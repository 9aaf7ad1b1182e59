using StreamRead.Contracts.Events;
using StreamRead.Model;
using StreamRead.Runtime.Changelog;

namespace StreamRead.Runtime.State;

/// <summary>
/// The state store of one task: the <see cref="ConversationState"/> of every conversation of
/// its partition, and which of them changed since the last flush.
/// </summary>
/// <param name="userIds">Where user ids are pooled; the processor shares one pool between its tasks
/// (a user's conversations spread over partitions). A store of its own when null.</param>
internal sealed class ReadStateStore(ModelOptions options, UserIdPool? userIds = null)
{
    private readonly Dictionary<string, ConversationState> _conversations = new(StringComparer.Ordinal);
    private readonly List<ConversationState> _dirty = [];
    private readonly HashSet<ConversationState> _dirtySet = new(ReferenceEqualityComparer.Instance);
    private readonly UserIdPool _userIds = userIds ?? new UserIdPool();

    public int ConversationCount => _conversations.Count;

    public long MemberCount => _conversations.Values.Sum(c => (long)c.Members.Count());

    public IEnumerable<ConversationState> Conversations => _conversations.Values;

    public ConversationState? Find(string conversationId) => _conversations.GetValueOrDefault(conversationId);

    /// <summary>Applies a valid input event. <paramref name="timestampMs"/> is the record timestamp (SPEC 2.5).</summary>
    public void Apply(IChatEvent chatEvent, long timestampMs)
    {
        var state = GetOrCreate(chatEvent.ConversationId);
        switch (chatEvent)
        {
            case MessageSent m:
                state.ApplyMessage(m.Seq, _userIds.Intern(m.SenderId), m.Kind == ConversationKind.Direct, m.SentAt.ToUnixTimeMilliseconds(), timestampMs);
                break;
            case ReadReported r:
                state.ApplyRead(_userIds.Intern(r.UserId), r.ReadSeq, r.Private, timestampMs);
                break;
            case MembershipChanged c:
                state.ApplyMembership(_userIds.Intern(c.UserId), c.Change == MembershipChange.Joined, c.At.ToUnixTimeMilliseconds(), c.AfterSeq, timestampMs);
                break;
            default:
                throw new ArgumentException($"unsupported event {chatEvent.GetType().Name}", nameof(chatEvent));
        }

        if (_dirtySet.Add(state))
        {
            _dirty.Add(state);
        }
    }

    /// <summary>The changes of every conversation touched since the last drain, in first-touch order.</summary>
    public List<(ConversationState State, ConversationChanges Changes)> DrainChanges()
    {
        var drained = new List<(ConversationState, ConversationChanges)>(_dirty.Count);
        foreach (var state in _dirty)
        {
            drained.Add((state, state.DrainChanges()));
        }

        _dirty.Clear();
        _dirtySet.Clear();
        return drained;
    }

    /// <summary>Rebuilds a store from the committed changelog records of its task.</summary>
    public static ReadStateStore Restore(RestoredChangelog changelog, ModelOptions options, UserIdPool? userIds = null)
    {
        var conversations = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var store = new ReadStateStore(options, userIds);
        var members = new Dictionary<string, List<MemberSnapshot>>(StringComparer.Ordinal);
        var senderChunks = new Dictionary<string, SortedDictionary<long, string[]>>(StringComparer.Ordinal);
        foreach (var (keyBytes, value) in changelog.Records)
        {
            var key = ChangelogKey.Decode(keyBytes);
            switch (key.Kind)
            {
                case ChangelogKeyKind.Conversation:
                    conversations[key.ConversationId] = value;
                    break;
                case ChangelogKeyKind.SenderChunk:
                    if (!senderChunks.TryGetValue(key.ConversationId, out var chunks))
                    {
                        senderChunks[key.ConversationId] = chunks = [];
                    }

                    chunks[key.Chunk] = SnapshotCodec.DecodeSenderChunk(value);
                    break;
                case ChangelogKeyKind.Member:
                    if (!members.TryGetValue(key.ConversationId, out var list))
                    {
                        members[key.ConversationId] = list = [];
                    }

                    list.Add(SnapshotCodec.DecodeMember(store._userIds.Intern(key.UserId!), value));
                    break;
            }
        }

        foreach (var (id, value) in conversations)
        {
            var snapshot = SnapshotCodec.DecodeConversation(id, value, AssembleSenders(id, senderChunks.GetValueOrDefault(id)));
            store._conversations[id] = ConversationState.Restore(snapshot, members.GetValueOrDefault(id) ?? [], options);
        }

        // Member records are written in the same batch as their conversation's record, so a
        // member without a conversation means the changelog was damaged.
        var orphans = members.Keys.Where(id => !conversations.ContainsKey(id)).ToList();
        if (orphans.Count > 0)
        {
            throw new InvalidDataException(
                $"the changelog has member records of {orphans.Count} conversation(s) without a conversation record (first: '{orphans[0]}')");
        }

        return store;
    }

    /// <summary>Concatenates a conversation's sender chunks in order; a missing chunk means a damaged changelog.</summary>
    private static List<string> AssembleSenders(string conversationId, SortedDictionary<long, string[]>? chunks)
    {
        var senders = new List<string>();
        if (chunks is null)
        {
            return senders;
        }

        var expected = 0L;
        foreach (var (index, chunk) in chunks)
        {
            if (index != expected++)
            {
                throw new InvalidDataException($"conversation '{conversationId}' misses sender chunk {expected - 1} in the changelog");
            }

            senders.AddRange(chunk);
        }

        return senders;
    }

    private ConversationState GetOrCreate(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var state))
        {
            _conversations[conversationId] = state = new ConversationState(conversationId, options);
        }

        return state;
    }
}
