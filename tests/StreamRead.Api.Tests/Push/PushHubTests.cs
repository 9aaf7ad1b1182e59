using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamRead.Api.Push;
using StreamRead.Runtime.Metrics;
using Xunit;

namespace StreamRead.Api.Tests.Push;

/// <summary>Routing, coalescing and badge derivation of the push hub (SPEC 4 /v1/stream, 2.6, 2.8), without Redis or Kafka.</summary>
public sealed class PushHubTests : IDisposable
{
    private readonly FakeSnapshots _store = new();
    private readonly StreamReadMetrics _metrics = new();
    private readonly PushHub _hub;

    public PushHubTests() => _hub = CreateHub(maxBuffered: 4096);

    public void Dispose()
    {
        _hub.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task Receipts_reach_only_the_streams_of_their_conversation()
    {
        var c1 = await OpenAsync(["c1"], []);
        var c2 = await OpenAsync(["c2"], []);

        _hub.Apply(Updates.Counts("c1", 2, (1, 1, 3)));

        Assert.Equal([new ReceiptEvent("c1", 1, 1, 2, 3, 2)], c1.Drain());
        Assert.Empty(c2.Drain());
    }

    [Fact]
    public async Task Badges_reach_only_streams_filtered_by_that_user()
    {
        // A private read moves u-b's own position: its badge must not reach the conversation's stream.
        var conversation = await OpenAsync(["c"], []);
        var owner = await OpenAsync([], ["u-b"]);
        var other = await OpenAsync([], ["u-x"]);

        _hub.Apply(Updates.Badge("c", 4, lastSeq: 5, messageCount: 5, "u-b", unread: 1, readSeq: 4));

        var badge = Assert.IsType<BadgeEvent>(Assert.Single(owner.Drain()));
        Assert.Equal(("u-b", "c", 1L, 4L, 1L), (badge.UserId, badge.ConversationId, badge.Unread, badge.ReadSeq, badge.Total));
        Assert.Empty(conversation.Drain());
        Assert.Empty(other.Drain());
    }

    [Fact]
    public async Task All_devices_of_a_user_get_its_badge_changes()
    {
        var phone = await OpenAsync([], ["u-b"]);
        var laptop = await OpenAsync(["c"], ["u-b"]);

        _hub.Apply(Updates.Badge("c", 4, lastSeq: 5, messageCount: 5, "u-b", unread: 0, readSeq: 5));

        Assert.Single(phone.Drain().OfType<BadgeEvent>());
        Assert.Single(laptop.Drain().OfType<BadgeEvent>());
    }

    [Fact]
    public async Task Devices_of_one_user_share_one_load_and_a_closed_user_is_loaded_anew()
    {
        var phone = await OpenAsync([], ["u-b"]);
        var laptop = await OpenAsync([], ["u-b"]);
        _hub.Unsubscribe(phone);
        _hub.Unsubscribe(laptop);
        await OpenAsync([], ["u-b"]);

        Assert.Equal(2, _store.UserLoads);
    }

    [Fact]
    public async Task A_slow_stream_keeps_only_the_latest_value_per_message()
    {
        var slow = await OpenAsync(["c"], []);

        for (var version = 1; version <= 1000; version++)
        {
            _hub.Apply(Updates.Counts("c", version, (7, version % 100, 100)));
        }

        Assert.Equal([new ReceiptEvent("c", 7, 0, 100, 100, 1000)], slow.Drain());
    }

    [Fact]
    public async Task A_slow_stream_is_bounded_and_never_holds_back_the_others()
    {
        using var hub = CreateHub(maxBuffered: 16);
        var slow = hub.Subscribe(new StreamFilter(["c"], []));
        await hub.SendSnapshotAsync(slow, TestContext.Current.CancellationToken);
        var fast = hub.Subscribe(new StreamFilter(["c"], []));
        await hub.SendSnapshotAsync(fast, TestContext.Current.CancellationToken);
        fast.Drain();

        var delivered = 0;
        for (var seq = 1; seq <= 100; seq++)
        {
            hub.Apply(Updates.Counts("c", seq, (seq, 0, 5)));
            delivered += fast.Drain().Count;
        }

        Assert.Equal(100, delivered);
        Assert.Equal(16, slow.Pending);
        Assert.Equal(85, slow.Dropped); // 100 receipts + the ready event, 16 kept
        Assert.Equal(100, slow.Drain().OfType<ReceiptEvent>().Max(r => r.Seq));
    }

    [Fact]
    public async Task The_snapshot_comes_first_then_ready_then_live_changes()
    {
        _store.Conversations["c"] = (7, [new("c", 1, 2, 0, 2, 7), new("c", 2, 1, 1, 2, 7)]);
        var stream = await OpenAsync(["c"], [], keepSnapshot: true);
        var first = stream.Drain();
        _hub.Apply(Updates.Counts("c", 8, (2, 2, 2)));

        Assert.Equal(["receipt", "receipt", "ready"], first.Select(e => Name(e.Kind)));
        Assert.Equal([new ReceiptEvent("c", 2, 2, 0, 2, 8)], stream.Drain());
    }

    [Fact]
    public async Task Live_values_older_than_the_snapshot_never_reach_the_client()
    {
        // The push consumer may trail Redis: a late update must not take the client back in time.
        _store.Conversations["c"] = (10, [new("c", 3, 2, 1, 3, 10)]);
        var stream = await OpenAsync(["c"], []);

        _hub.Apply(Updates.Counts("c", 9, (3, 1, 3)));
        var stale = stream.Drain();
        _hub.Apply(Updates.Counts("c", 11, (3, 3, 3)));

        Assert.Empty(stale);
        Assert.Equal([new ReceiptEvent("c", 3, 3, 0, 3, 11)], stream.Drain());
    }

    [Fact]
    public async Task A_newer_live_value_buffered_before_the_snapshot_wins_over_it()
    {
        _store.Conversations["c"] = (10, [new("c", 3, 1, 2, 3, 10)]);
        var stream = _hub.Subscribe(new StreamFilter(["c"], []));
        _hub.Apply(Updates.Counts("c", 12, (3, 2, 3)));
        await _hub.SendSnapshotAsync(stream, TestContext.Current.CancellationToken);

        Assert.Equal(new ReceiptEvent("c", 3, 2, 1, 3, 12), stream.Drain().OfType<ReceiptEvent>().Single());
    }

    [Fact]
    public async Task A_new_message_updates_the_badge_of_a_watched_member_without_a_badge_entry()
    {
        // The update carries a badge for the sender only (the model emits members whose own state changed).
        _store.Users["u-b"] = new() { ["c"] = ConversationBadge.FromStore(5, readSeq: 3, afterSeq: 0, unread: 0, lastSeq: 3, messageCount: 3) };
        var stream = await OpenAsync([], ["u-b"]);

        _hub.Apply(Updates.Messages("c", 6, messageCount: 4, "u-x", 4));

        var badge = Assert.IsType<BadgeEvent>(Assert.Single(stream.Drain()));
        Assert.Equal((1L, 3L, 4L, 1L), (badge.Unread, badge.ReadSeq, badge.LastSeq, badge.Total));
    }

    [Fact]
    public async Task A_replayed_update_does_not_count_its_messages_twice()
    {
        _store.Users["u-b"] = new() { ["c"] = ConversationBadge.FromStore(5, readSeq: 3, afterSeq: 0, unread: 0, lastSeq: 3, messageCount: 3) };
        var stream = await OpenAsync([], ["u-b"]);
        var update = Updates.Messages("c", 6, messageCount: 5, "u-x", 4, 5);

        _hub.Apply(update);
        _hub.Apply(update);

        Assert.Equal(2, stream.Drain().OfType<BadgeEvent>().Last().Unread);
    }

    [Fact]
    public async Task Messages_up_to_a_future_eligibility_point_do_not_count()
    {
        // Joined with afterSeq 10 while the conversation was at 3 (SPEC 2.2): 5 is not for u-b, 11 is.
        _store.Users["u-b"] = new() { ["c"] = ConversationBadge.FromStore(5, readSeq: 0, afterSeq: 10, unread: 0, lastSeq: 3, messageCount: 3) };
        var stream = await OpenAsync([], ["u-b"]);

        _hub.Apply(Updates.Messages("c", 6, messageCount: 4, "u-x", 5));
        var afterFive = stream.Drain();
        _hub.Apply(Updates.Messages("c", 7, messageCount: 5, "u-x", 11));

        Assert.Empty(afterFive);
        Assert.Equal(1, Assert.IsType<BadgeEvent>(Assert.Single(stream.Drain())).Unread);
    }

    [Fact]
    public async Task The_total_sums_the_users_conversations_and_leaving_drops_one()
    {
        _store.Users["u-b"] = new()
        {
            ["c1"] = ConversationBadge.FromStore(5, readSeq: 1, afterSeq: 0, unread: 2, lastSeq: 3, messageCount: 3),
            ["c2"] = ConversationBadge.FromStore(8, readSeq: 0, afterSeq: 0, unread: 3, lastSeq: 3, messageCount: 3),
        };
        var stream = await OpenAsync([], ["u-b"], keepSnapshot: true);
        var snapshot = stream.Drain().OfType<BadgeEvent>().ToList();

        _hub.Apply(Updates.Badge("c1", 6, lastSeq: 3, messageCount: 3, "u-b", unread: 0, readSeq: 3));
        var read = stream.Drain().OfType<BadgeEvent>().Single();
        _hub.Apply(Updates.Badge("c2", 9, lastSeq: 3, messageCount: 3, "u-b", unread: 0, readSeq: 0, member: false));
        var left = stream.Drain().OfType<BadgeEvent>().Single();
        _hub.Apply(Updates.Messages("c2", 10, messageCount: 4, "u-x", 4));

        Assert.Equal([5L, 5L], snapshot.Select(b => b.Total));
        Assert.Equal(3, read.Total);
        Assert.Equal((false, 0L, 0L), (left.Member, left.Unread, left.Total));
        Assert.Empty(stream.Drain());
    }

    [Fact]
    public async Task A_stream_needs_no_history_of_an_unknown_conversation()
    {
        var stream = await OpenAsync(["new"], [], keepSnapshot: true);

        _hub.Apply(Updates.Counts("new", 1, (1, 0, 1)));

        Assert.Equal(["ready", "receipt"], stream.Drain().Select(e => Name(e.Kind)));
    }

    [Fact]
    public async Task Updates_are_decoded_only_when_a_stream_can_need_them()
    {
        var nobody = _hub.IsWatched("c");
        var conversationStream = await OpenAsync(["c"], []);
        var byConversation = (_hub.IsWatched("c"), _hub.IsWatched("other"));
        _hub.Unsubscribe(conversationStream);
        var userStream = await OpenAsync([], ["u-b"]);
        var byUser = _hub.IsWatched("other"); // any update may carry u-b's badge (a join)
        _hub.Unsubscribe(userStream);

        Assert.False(nobody);
        Assert.Equal((true, false), byConversation);
        Assert.True(byUser);
        Assert.False(_hub.IsWatched("c"));
    }

    /// <summary>Opens a stream; unless <paramref name="keepSnapshot"/>, its first state is taken off so only live events remain.</summary>
    private async Task<PushSubscription> OpenAsync(string[] conversations, string[] users, bool keepSnapshot = false)
    {
        var subscription = _hub.Subscribe(new StreamFilter(conversations, users));
        await _hub.SendSnapshotAsync(subscription, TestContext.Current.CancellationToken);
        if (!keepSnapshot)
        {
            Assert.IsType<ReadyEvent>(subscription.Drain().Last());
        }

        return subscription;
    }

    private PushHub CreateHub(int maxBuffered) => new(
        _store,
        Options.Create(new PushOptions { MaxBufferedEvents = maxBuffered, ReconcileDelay = TimeSpan.FromHours(1) }),
        new PushMetrics(_metrics),
        TimeProvider.System,
        NullLogger<PushHub>.Instance);

    private static string Name(PushEventKind kind) => ServerSentEventWriter.NameOf(kind);
}
