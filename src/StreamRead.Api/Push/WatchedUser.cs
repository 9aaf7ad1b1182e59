using Microsoft.Extensions.Logging;
using StreamRead.Contracts.Receipts;

namespace StreamRead.Api.Push;

/// <summary>
/// A user with at least one open stream: the user's badges per conversation, shared by all the
/// user's devices (SPEC 2.8). Loaded from Redis when the first stream opens, then kept current from
/// the receipts topic, and re-read from Redis shortly after loading and periodically (the push
/// consumer and the Redis sink read the topic independently, so a change applied by one a few
/// milliseconds before the other can be missed once; the re-read heals it).
/// </summary>
internal sealed class WatchedUser : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ConversationBadge> _conversations = new(StringComparer.Ordinal);
    private readonly Func<string, CancellationToken, Task<Dictionary<string, ConversationBadge>>> _load;
    private readonly Action<WatchedUser, string, bool> _indexMembership;
    private readonly PushOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private PushSubscription[] _subscribers = [];
    private Task? _loading;
    private long _total;

    /// <param name="load">Reads the user's badges from the serving store.</param>
    /// <param name="indexMembership">Tells the hub the user became (true) or stopped being (false) a member of a conversation.</param>
    public WatchedUser(
        string userId,
        Func<string, CancellationToken, Task<Dictionary<string, ConversationBadge>>> load,
        Action<WatchedUser, string, bool> indexMembership,
        PushOptions options,
        TimeProvider time,
        ILogger logger)
    {
        UserId = userId;
        _load = load;
        _indexMembership = indexMembership;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string UserId { get; }

    /// <summary>Set by the hub when the user's last stream closed; a retired user is never indexed again.</summary>
    public bool Retired { get; set; }

    /// <summary>The user's open streams (copy-on-write; changed only under the hub's registry lock).</summary>
    public PushSubscription[] Subscribers
    {
        get => Volatile.Read(ref _subscribers);
        set => Volatile.Write(ref _subscribers, value);
    }

    /// <summary>Loads the badges once (again after a failed load) and starts the periodic re-read.</summary>
    public Task EnsureLoadedAsync()
    {
        lock (_lock)
        {
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
            {
                _loading = LoadAsync();
            }

            return _loading;
        }
    }

    /// <summary>The user's own badge entry in a receipts update: absolute values.</summary>
    public void ApplyBadge(ReceiptUpdate update, ReceiptBadge badge, ReceiptMember? member)
    {
        lock (_lock)
        {
            var state = GetOrAddLocked(update.ConversationId);
            var before = (state.Member, state.Unread, state.ReadSeq);
            if (state.ApplyBadge(update, badge, member))
            {
                AfterChangeLocked(update.ConversationId, state, before, publish: true);
            }
        }
    }

    /// <summary>New messages in a conversation the user is a member of, without a badge entry for the user.</summary>
    public void ApplyMessages(ReceiptUpdate update)
    {
        lock (_lock)
        {
            if (_conversations.TryGetValue(update.ConversationId, out var state))
            {
                var before = (state.Member, state.Unread, state.ReadSeq);
                if (state.ApplyMessages(update))
                {
                    AfterChangeLocked(update.ConversationId, state, before, publish: true);
                }
            }
        }
    }

    /// <summary>The badge of every conversation the user is a member of, for a new stream's snapshot.</summary>
    public List<BadgeEvent> CurrentEvents()
    {
        lock (_lock)
        {
            return [.. _conversations.Where(c => c.Value.Member).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => EventOf(c.Key, c.Value))];
        }
    }

    /// <summary>Conversations the user is a member of, as far as the hub knows.</summary>
    public List<string> MemberConversations()
    {
        lock (_lock)
        {
            return [.. _conversations.Where(c => c.Value.Member).Select(c => c.Key)];
        }
    }

    /// <summary>Takes store values that are at least as new as what is held.</summary>
    internal void ApplyStore(Dictionary<string, ConversationBadge> stored, bool publish)
    {
        lock (_lock)
        {
            foreach (var (conversationId, fresh) in stored)
            {
                var state = GetOrAddLocked(conversationId);
                if (fresh.Version >= state.Version)
                {
                    var before = (state.Member, state.Unread, state.ReadSeq);
                    state.ReplaceWith(fresh);
                    AfterChangeLocked(conversationId, state, before, publish);
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task LoadAsync()
    {
        var stored = await _load(UserId, _stop.Token);
        ApplyStore(stored, publish: false);
        _ = ReconcileAsync(_stop.Token);
    }

    private async Task ReconcileAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(_options.ReconcileDelay, _time, stop);
            while (true)
            {
                try
                {
                    ApplyStore(await _load(UserId, stop), publish: true);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.ReconcileFailed(_logger, UserId, e.Message);
                }

                await Task.Delay(_options.ReconcileInterval, _time, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The user's last stream closed.
        }
    }

    private ConversationBadge GetOrAddLocked(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var state))
        {
            state = ConversationBadge.Empty();
            _conversations.Add(conversationId, state);
        }

        return state;
    }

    private void AfterChangeLocked(string conversationId, ConversationBadge state, (bool Member, long Unread, long ReadSeq) before, bool publish)
    {
        _total += (state.Member ? state.Unread : 0) - (before.Member ? before.Unread : 0);
        if (state.Member != before.Member)
        {
            _indexMembership(this, conversationId, state.Member);
        }

        if (publish && (state.Member, state.Unread, state.ReadSeq) != before)
        {
            var badge = EventOf(conversationId, state);
            foreach (var subscriber in Subscribers)
            {
                subscriber.Offer(badge);
            }
        }
    }

    private BadgeEvent EventOf(string conversationId, ConversationBadge state) =>
        new(UserId, conversationId, state.Member ? state.Unread : 0, state.ReadSeq, state.LastSeq, state.Member, _total, state.Version);
}
