using System.Threading.Channels;

namespace StreamRead.Api.Push;

/// <summary>
/// One open <c>/v1/stream</c>: its filter and a bounded buffer of events not yet written. The hub
/// offers events without ever waiting for the client; the client's writer drains the buffer at its
/// own pace. Events with the same <see cref="PushEventKey"/> coalesce (latest value wins), so a slow
/// client skips intermediate values instead of stalling the hub or growing without bound.
/// </summary>
internal sealed class PushSubscription
{
    private readonly Lock _lock = new();
    // Buffered events in the order of their latest update: a newer value moves its key to the end,
    // a full buffer drops from the front, draining walks it; all O(1) per event.
    private readonly Dictionary<PushEventKey, LinkedListNode<PushEvent>> _pending = [];
    private readonly LinkedList<PushEvent> _order = new();

    // Per conversation: live receipts below the floor are older than the snapshot this client
    // has (the push consumer may trail Redis); the highest version accepted decides whether a
    // later re-read of Redis is newer than everything sent.
    private readonly Dictionary<string, long> _receiptFloor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _receiptAccepted = new(StringComparer.Ordinal);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly int _capacity;
    private long _dropped;

    public PushSubscription(StreamFilter filter, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Filter = filter;
        _capacity = capacity;
    }

    public StreamFilter Filter { get; }

    /// <summary>Events lost because the buffer was full of distinct keys (the client reads too slowly).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events waiting to be written.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Buffers a live event; never blocks on the client.</summary>
    /// <returns>False when the event was dropped: older than what the client has or will get.</returns>
    public bool Offer(PushEvent pushEvent)
    {
        lock (_lock)
        {
            if (pushEvent is ReceiptEvent receipt)
            {
                if (_receiptFloor.TryGetValue(receipt.ConversationId, out var floor) && receipt.Version < floor)
                {
                    return false;
                }

                _receiptAccepted[receipt.ConversationId] = Math.Max(receipt.Version, _receiptAccepted.GetValueOrDefault(receipt.ConversationId));
            }

            if (!AddLocked(pushEvent))
            {
                return false;
            }
        }

        _signal.Writer.TryWrite(true);
        return true;
    }

    /// <summary>
    /// Merges a conversation's receipts read from Redis at <paramref name="version"/>. The first
    /// snapshot (nothing written yet) merges per message, newer buffered live values winning, and
    /// sets the floor for live events. A later re-read (reconciliation) applies only when nothing
    /// newer was accepted since, so it can never take a client back in time.
    /// </summary>
    public void MergeSnapshot(string conversationId, long version, IReadOnlyList<ReceiptEvent> receipts, bool initial)
    {
        lock (_lock)
        {
            if (!initial && version < _receiptAccepted.GetValueOrDefault(conversationId))
            {
                return;
            }

            _receiptFloor[conversationId] = Math.Max(version, _receiptFloor.GetValueOrDefault(conversationId));
            _receiptAccepted[conversationId] = Math.Max(version, _receiptAccepted.GetValueOrDefault(conversationId));
            if (initial)
            {
                // Live events buffered before the snapshot was read and older than it would take it back.
                var stale = _pending.Where(p => p.Key.Kind == PushEventKind.Receipt && p.Key.Conversation == conversationId && p.Value.Value.Version < version)
                    .Select(p => p.Key).ToList();
                foreach (var key in stale)
                {
                    _order.Remove(_pending[key]);
                    _pending.Remove(key);
                }
            }

            foreach (var receipt in receipts)
            {
                AddLocked(receipt);
            }
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>Takes every buffered event, in the order of their latest update.</summary>
    public List<PushEvent> Drain()
    {
        lock (_lock)
        {
            var events = new List<PushEvent>(_order);
            _pending.Clear();
            _order.Clear();
            return events;
        }
    }

    /// <summary>Waits until an event may be buffered; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_signal.Reader.TryRead(out _))
        {
            return true;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _signal.Reader.WaitToReadAsync(timer.Token);
            return _signal.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private bool AddLocked(PushEvent pushEvent)
    {
        var key = pushEvent.Key;
        if (_pending.TryGetValue(key, out var existing))
        {
            if (existing.Value.Version > pushEvent.Version)
            {
                return false;
            }

            _order.Remove(existing);
        }
        else if (_pending.Count >= _capacity)
        {
            // Full of distinct keys: the oldest update goes, so memory stays bounded whatever the client does.
            _pending.Remove(_order.First!.Value.Key);
            _order.RemoveFirst();
            Interlocked.Increment(ref _dropped);
        }

        _pending[key] = _order.AddLast(pushEvent);
        return true;
    }
}
