using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamRead.Contracts.Receipts;

namespace StreamRead.Api.Push;

/// <summary>
/// Routes <c>streamread.receipts</c> updates to open streams (SPEC 4 <c>/v1/stream</c>, SPEC 2.8):
/// a message's counts to the streams of its conversation, a user's badges to the streams of that
/// user only (they carry private read positions, SPEC 2.6).
/// </summary>
/// <remarks>
/// <see cref="Apply"/> runs on the push consumer's thread and never waits for a client: it only
/// offers events to the streams' bounded buffers. Its cost per update is the update's size plus
/// the watched members of the conversation: a 10,000-member group's update costs one dictionary
/// lookup per changed member, and nothing per member when none of them has a stream open.
/// </remarks>
internal sealed class PushHub : IDisposable
{
    private readonly Lock _registry = new();
    private readonly Lock _index = new();
    private readonly ConcurrentDictionary<string, PushSubscription[]> _conversationStreams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WatchedUser> _users = new(StringComparer.Ordinal);

    // Conversation -> watched users who are members: who needs a badge derived when a message arrives.
    private readonly ConcurrentDictionary<string, WatchedUser[]> _watchedMembers = new(StringComparer.Ordinal);
    private readonly IPushSnapshotSource _snapshots;
    private readonly PushOptions _options;
    private readonly PushMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _streams;
    private int _watchedUsers;
    private long _lastDelayTicks = -1;

    public PushHub(IPushSnapshotSource snapshots, IOptions<PushOptions> options, PushMetrics metrics, TimeProvider time, ILogger<PushHub> logger)
    {
        _snapshots = snapshots;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        metrics.ObserveStreams(() => Volatile.Read(ref _streams));
    }

    /// <summary>Open streams.</summary>
    public int Streams => Volatile.Read(ref _streams);

    /// <summary>Emit-to-push delay of the latest update (processor emitted it -> hub applied it); null before the first.</summary>
    public TimeSpan? LastDelay => Interlocked.Read(ref _lastDelayTicks) is var t && t < 0 ? null : TimeSpan.FromTicks(t);

    /// <summary>Conversations of the latest updates, newest first.</summary>
    public RecentIds RecentConversations { get; } = new(20);

    /// <summary>Senders of the latest messages, newest first.</summary>
    public RecentIds RecentUsers { get; } = new(20);

    /// <summary>Registers a stream: from now on it buffers live events. Send its snapshot next.</summary>
    public PushSubscription Subscribe(StreamFilter filter)
    {
        var subscription = new PushSubscription(filter, _options.MaxBufferedEvents);
        lock (_registry)
        {
            foreach (var conversationId in filter.ConversationIds)
            {
                _conversationStreams[conversationId] = [.. _conversationStreams.GetValueOrDefault(conversationId, []), subscription];
            }

            foreach (var userId in filter.UserIds)
            {
                var user = _users.GetOrAdd(userId, id => new WatchedUser(id, _snapshots.LoadUserAsync, IndexMembership, _options, _time, _logger));
                user.Subscribers = [.. user.Subscribers, subscription];
                _watchedUsers = _users.Count;
            }

            _streams++;
        }

        return subscription;
    }

    /// <summary>
    /// Buffers the stream's first state: the latest receipts of each conversation and the badges
    /// of each user, then a <see cref="ReadyEvent"/>. Live events buffered meanwhile are merged by
    /// version, so the client never sees a value go back. Schedules one re-read of the
    /// conversations (see <see cref="PushOptions.ReconcileDelay"/>) for the stream's lifetime.
    /// </summary>
    public async Task SendSnapshotAsync(PushSubscription subscription, CancellationToken cancellationToken)
    {
        var filter = subscription.Filter;
        var conversations = filter.ConversationIds.Select(c => MergeConversationAsync(subscription, c, initial: true, cancellationToken));
        var users = filter.UserIds.Select(async userId =>
        {
            var user = _users[userId];
            await user.EnsureLoadedAsync().WaitAsync(cancellationToken);
            foreach (var badge in user.CurrentEvents())
            {
                subscription.Offer(badge);
            }
        });
        await Task.WhenAll(conversations.Concat(users));
        subscription.Offer(new ReadyEvent(filter.ConversationIds, filter.UserIds));
        if (filter.ConversationIds.Count > 0)
        {
            _ = ReconcileConversationsAsync(subscription, cancellationToken);
        }
    }

    /// <summary>Removes a closed stream; a user without streams stops being watched.</summary>
    public void Unsubscribe(PushSubscription subscription)
    {
        lock (_registry)
        {
            foreach (var conversationId in subscription.Filter.ConversationIds)
            {
                var left = _conversationStreams.GetValueOrDefault(conversationId, []).Where(s => s != subscription).ToArray();
                if (left.Length == 0)
                {
                    _conversationStreams.TryRemove(conversationId, out _);
                }
                else
                {
                    _conversationStreams[conversationId] = left;
                }
            }

            foreach (var userId in subscription.Filter.UserIds)
            {
                if (_users.TryGetValue(userId, out var user))
                {
                    user.Subscribers = [.. user.Subscribers.Where(s => s != subscription)];
                    if (user.Subscribers.Length == 0)
                    {
                        _users.TryRemove(userId, out _);
                        _watchedUsers = _users.Count;
                        Retire(user);
                    }
                }
            }

            _streams--;
        }

        if (subscription.Dropped > 0)
        {
            _metrics.RecordDropped(subscription.Dropped);
        }
    }

    /// <summary>
    /// Whether an update of <paramref name="conversationId"/> can matter to an open stream: its
    /// conversation is watched, or some user is (the update may hold that user's badge, e.g. a
    /// join). When not, the consumer skips decoding it (<see cref="Skip"/>).
    /// </summary>
    public bool IsWatched(string conversationId) => Volatile.Read(ref _watchedUsers) > 0 || _conversationStreams.ContainsKey(conversationId);

    /// <summary>Accounts for an update nobody watches, without decoding it.</summary>
    public void Skip(string conversationId)
    {
        RecentConversations.Touch(conversationId);
        _metrics.RecordUpdate(delay: null);
    }

    /// <summary>Routes one receipts update to the streams that asked for it (push consumer thread).</summary>
    public void Apply(ReceiptUpdate update)
    {
        var conversationId = update.ConversationId;
        RecentConversations.Touch(conversationId);
        foreach (var message in update.Messages)
        {
            RecentUsers.Touch(message.SenderId);
        }

        var delay = _time.GetUtcNow() - update.EmittedAt;
        Interlocked.Exchange(ref _lastDelayTicks, Math.Max(0, delay.Ticks));
        _metrics.RecordUpdate(delay);

        if (update.Counts.Count > 0 && _conversationStreams.TryGetValue(conversationId, out var streams))
        {
            foreach (var count in update.Counts)
            {
                var receipt = new ReceiptEvent(conversationId, count.Seq, count.Read, count.Unread, count.Eligible, update.Version);
                foreach (var stream in streams)
                {
                    stream.Offer(receipt);
                }
            }
        }

        HashSet<string>? badged = null;
        if (Volatile.Read(ref _watchedUsers) > 0)
        {
            Dictionary<string, ReceiptMember>? members = null;
            foreach (var badge in update.Badges)
            {
                if (_users.TryGetValue(badge.UserId, out var user))
                {
                    members ??= MembersById(update);
                    user.ApplyBadge(update, badge, members.GetValueOrDefault(badge.UserId));
                    (badged ??= new(StringComparer.Ordinal)).Add(badge.UserId);
                }
            }
        }

        // New messages change the badge of every member, but the update has badge entries only for
        // members whose own state changed: derive the others' for the members someone watches.
        if (update.Messages.Count > 0 && _watchedMembers.TryGetValue(conversationId, out var watchers))
        {
            foreach (var user in watchers)
            {
                if (badged is null || !badged.Contains(user.UserId))
                {
                    user.ApplyMessages(update);
                }
            }
        }
    }

    /// <summary>Counts events written to clients, by type.</summary>
    public void RecordWritten(IReadOnlyList<PushEvent> events)
    {
        foreach (var kind in events.GroupBy(e => e.Kind))
        {
            _metrics.RecordEvents(ServerSentEventWriter.NameOf(kind.Key), kind.Count());
        }
    }

    public void Dispose()
    {
        lock (_registry)
        {
            foreach (var user in _users.Values)
            {
                Retire(user);
            }

            _users.Clear();
        }
    }

    private async Task MergeConversationAsync(PushSubscription subscription, string conversationId, bool initial, CancellationToken cancellationToken)
    {
        var (version, receipts) = await _snapshots.LoadConversationAsync(conversationId, _options.SnapshotMessages, cancellationToken);
        subscription.MergeSnapshot(conversationId, version, receipts, initial);
    }

    private async Task ReconcileConversationsAsync(PushSubscription subscription, CancellationToken streamClosed)
    {
        try
        {
            await Task.Delay(_options.ReconcileDelay, _time, streamClosed);
            await Task.WhenAll(subscription.Filter.ConversationIds.Select(c => MergeConversationAsync(subscription, c, initial: false, streamClosed)));
        }
        catch (OperationCanceledException)
        {
            // The stream closed first.
        }
        catch (Exception e)
        {
            Log.ReconcileFailed(_logger, string.Join(",", subscription.Filter.ConversationIds), e.Message);
        }
    }

    private static Dictionary<string, ReceiptMember> MembersById(ReceiptUpdate update)
    {
        var members = new Dictionary<string, ReceiptMember>(update.Members.Count, StringComparer.Ordinal);
        foreach (var member in update.Members)
        {
            members[member.UserId] = member;
        }

        return members;
    }

    private void IndexMembership(WatchedUser user, string conversationId, bool member)
    {
        lock (_index)
        {
            if (user.Retired)
            {
                return;
            }

            var current = _watchedMembers.GetValueOrDefault(conversationId, []);
            var updated = member
                ? current.Contains(user) ? current : [.. current, user]
                : [.. current.Where(u => u != user)];
            if (updated.Length == 0)
            {
                _watchedMembers.TryRemove(conversationId, out _);
            }
            else
            {
                _watchedMembers[conversationId] = updated;
            }
        }
    }

    private void Retire(WatchedUser user)
    {
        // Retired first, under the index lock: a badge the consumer applies meanwhile cannot
        // index the user again, and every conversation it indexed before is listed below.
        lock (_index)
        {
            user.Retired = true;
        }

        foreach (var conversationId in user.MemberConversations())
        {
            lock (_index)
            {
                if (_watchedMembers.TryGetValue(conversationId, out var users))
                {
                    var left = users.Where(u => u != user).ToArray();
                    if (left.Length == 0)
                    {
                        _watchedMembers.TryRemove(conversationId, out _);
                    }
                    else
                    {
                        _watchedMembers[conversationId] = left;
                    }
                }
            }
        }

        user.Dispose();
    }
}
