using StreamRead.Contracts.Analytics;
using StreamRead.Model;
using StreamRead.Runtime.Outputs;

using Xunit;

namespace StreamRead.Runtime.Tests.Outputs;

/// <summary>The analytics facts of a drain (SPEC 3): one per advance, message, milestone and changed badge, dated by the hot window.</summary>
public sealed class AnalyticsMapperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Emitted = T0.AddDays(2);

    [Fact]
    public void Read_latency_is_measured_from_the_newest_message_the_advance_newly_read()
    {
        var chat = new Chat(new ModelOptions());
        chat.Join("a", "b", "c");
        chat.Send(1, "a", T0);
        chat.Send(2, "a", T0.AddMinutes(3));
        chat.Drain();
        chat.Read("b", 2, T0.AddMinutes(10));

        var advance = Assert.Single(chat.Drain().SelectMany(u => u.ReadAdvances));

        Assert.Equal(("b", 0L, 2L, 2L, ReadAdvanceCause.Read, false, 3L), (advance.UserId, advance.FromSeq, advance.ToSeq, advance.NewlyRead, advance.Cause, advance.Private, advance.GroupSize));
        Assert.Equal((long)TimeSpan.FromMinutes(7).TotalMilliseconds, advance.LatencyMs);
        Assert.Equal(T0.AddMinutes(10), advance.ReadAt);
    }

    [Fact]
    public void A_send_is_an_advance_of_cause_send_that_does_not_read_the_senders_own_message()
    {
        var chat = new Chat(new ModelOptions());
        chat.Join("a", "b");
        chat.Send(1, "a", T0);
        chat.Send(2, "b", T0.AddMinutes(5));

        var updates = chat.Drain();
        var send = updates.SelectMany(u => u.ReadAdvances).Single(a => a.UserId == "b");

        Assert.Equal((ReadAdvanceCause.Send, 0L, 2L, 1L), (send.Cause, send.FromSeq, send.ToSeq, send.NewlyRead));
        Assert.Equal((long)TimeSpan.FromMinutes(5).TotalMilliseconds, send.LatencyMs); // message 1, not its own message 2
        Assert.Equal([new ReadThroughCount(T0, 1, 1)], send.ReadThrough.ToList());
    }

    [Fact]
    public void Read_through_counts_the_newly_read_messages_per_hour_of_sending_within_1h_and_24h()
    {
        var chat = new Chat(new ModelOptions());
        chat.Join("a", "b");
        chat.Send(1, "a", T0.AddHours(-30));           // older than 24 h at the read: counted nowhere
        chat.Send(2, "a", T0.AddMinutes(10));          // hour 10:00, read after 2 h 50 min
        chat.Send(3, "a", T0.AddMinutes(50));          // hour 10:00, read after 2 h 10 min
        chat.Send(4, "a", T0.AddHours(2).AddMinutes(30)); // hour 12:00, read after 30 min
        chat.Drain();
        chat.Read("b", 4, T0.AddHours(3));

        var advance = Assert.Single(chat.Drain().SelectMany(u => u.ReadAdvances));

        Assert.Equal(4, advance.NewlyRead);
        Assert.Equal([new ReadThroughCount(T0, 0, 2), new ReadThroughCount(T0.AddHours(2), 1, 1)], advance.ReadThrough.ToList());
    }

    [Fact]
    public void Messages_below_the_hot_window_are_dated_at_its_lower_bound()
    {
        var chat = new Chat(new ModelOptions { HotWindowSize = 2 });
        chat.Join("a", "b");
        chat.Send(1, "a", T0);
        chat.Send(2, "a", T0.AddMinutes(20));
        chat.Send(3, "a", T0.AddMinutes(40));
        chat.Send(4, "a", T0.AddMinutes(50));
        chat.Drain();
        chat.Read("b", 4, T0.AddMinutes(70));

        var advance = Assert.Single(chat.Drain().SelectMany(u => u.ReadAdvances));

        // 3 and 4 are hot (read 30 and 20 min after sending); 1 and 2 are below the window, whose
        // lower bound is 2's record time (50 min before the read): all four within 1 h.
        Assert.Equal((long)TimeSpan.FromMinutes(20).TotalMilliseconds, advance.LatencyMs);
        Assert.Equal([new ReadThroughCount(T0, 4, 4)], advance.ReadThrough.ToList());
    }

    [Fact]
    public void An_advance_that_read_nothing_has_no_latency()
    {
        var chat = new Chat(new ModelOptions());
        chat.Join("a", "b");
        chat.Send(1, "b", T0);
        chat.Send(2, "a", T0.AddMinutes(1));
        chat.Drain();
        chat.Read("a", 2, T0.AddMinutes(2)); // a's position is already 2: no advance
        chat.Read("b", 1, T0.AddMinutes(3)); // b's position is already 1 (its own message): no advance

        Assert.Empty(chat.Drain().SelectMany(u => u.ReadAdvances));
    }

    [Fact]
    public void Messages_carry_their_eligible_readers_and_milestones_their_times()
    {
        var chat = new Chat(new ModelOptions());
        chat.Join("a", "b", "c");
        chat.Send(1, "a", T0);
        var first = chat.Drain();
        chat.Read("b", 1, T0.AddMinutes(1));
        chat.Read("c", 1, T0.AddMinutes(2));
        var second = chat.Drain();

        var message = Assert.Single(first.SelectMany(u => u.Messages));
        Assert.Equal((1L, "a", 2L, T0), (message.Seq, message.SenderId, message.Eligible, message.SentAt));
        var milestones = second.SelectMany(u => u.Milestones).Select(m => (m.Milestone, m.ReachedAt, m.Read, m.Eligible)).ToList();
        Assert.Equal(
            [(MessageMilestone.FirstRead, T0.AddMinutes(1), 1L, 2L), (MessageMilestone.HalfRead, T0.AddMinutes(1), 1L, 2L), (MessageMilestone.AllRead, T0.AddMinutes(2), 2L, 2L)],
            milestones);
        Assert.Equal(3, second.Select(u => u.MemberCount).Distinct().Single());
        Assert.Equal([("b", true, 0L, 1L), ("c", true, 0L, 1L)], second.SelectMany(u => u.Badges).Select(b => (b.UserId, b.Member, b.Unread, b.ReadSeq)).ToList());
    }

    [Fact]
    public void A_large_drain_is_split_into_updates_of_one_version_without_losing_a_fact()
    {
        var chat = new Chat(new ModelOptions());
        var users = Enumerable.Range(1, 1_500).Select(i => $"u{i}").ToArray();
        chat.Join(users);
        chat.Send(1, "u1", T0);
        chat.Drain();
        foreach (var user in users.Skip(1))
        {
            chat.Read(user, 1, T0.AddMinutes(1));
        }

        var updates = chat.Drain();

        Assert.True(updates.Count > 1);
        Assert.All(updates, u => Assert.True(u.FactCount <= AnalyticsMapper.MaxFactsPerUpdate));
        Assert.Single(updates.Select(u => u.Version).Distinct());
        Assert.Equal(users.Skip(1), updates.SelectMany(u => u.ReadAdvances).Select(a => a.UserId));
        Assert.Equal(users.Skip(1), updates.SelectMany(u => u.Badges).Select(b => b.UserId));
        Assert.Equal(3, updates.SelectMany(u => u.Milestones).Count());
    }

    [Fact]
    public void A_pending_read_is_no_advance_and_an_empty_drain_gives_no_update()
    {
        var chat = new Chat(new ModelOptions());
        chat.Join("a", "b");
        chat.Drain();
        chat.Read("b", 5, T0); // beyond every known message: kept as a pending read, no position moves
        var updates = chat.Drain();

        // The pending read changes b's member state (a badge), but moves no position.
        Assert.Equal("b", Assert.Single(updates.SelectMany(u => u.Badges)).UserId);
        Assert.Empty(updates.SelectMany(u => u.ReadAdvances));
        Assert.Empty(chat.Drain());
    }

    /// <summary>One conversation driven through the model, drained through the mapper.</summary>
    private sealed class Chat(ModelOptions options)
    {
        private readonly ConversationState _state = new("g-1", options);

        public void Join(params string[] users)
        {
            foreach (var user in users)
            {
                _state.ApplyMembership(user, joined: true, T0.AddDays(-1).ToUnixTimeMilliseconds(), 0, T0.AddDays(-1).ToUnixTimeMilliseconds());
            }
        }

        public void Send(long seq, string sender, DateTimeOffset at) =>
            _state.ApplyMessage(seq, sender, isDirect: false, at.ToUnixTimeMilliseconds(), at.ToUnixTimeMilliseconds());

        public void Read(string user, long seq, DateTimeOffset at, bool isPrivate = false) =>
            _state.ApplyRead(user, seq, isPrivate, at.ToUnixTimeMilliseconds());

        public IReadOnlyList<AnalyticsUpdate> Drain()
        {
            var changes = _state.DrainChanges();
            return AnalyticsMapper.ToAnalyticsUpdates(changes, _state, _state.CaptureSnapshot(), Emitted);
        }
    }
}
