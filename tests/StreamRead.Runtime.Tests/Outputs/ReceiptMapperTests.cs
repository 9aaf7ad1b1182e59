using StreamRead.Model;
using StreamRead.Runtime.Outputs;
using StreamRead.Runtime.Tests.Support;
using Xunit;

namespace StreamRead.Runtime.Tests.Outputs;

public sealed class ReceiptMapperTests
{
    [Fact]
    public void A_large_change_is_split_into_updates_of_one_version_keeping_each_members_entries_together()
    {
        var state = new ConversationState("big", new ModelOptions());
        for (var u = 0; u < 2_500; u++)
        {
            state.ApplyMembership($"u{u}", joined: true, atMs: 1, afterSeq: 0, timestampMs: 1);
        }

        state.ApplyMessage(1, "u0", isDirect: false, sentAtMs: 2, timestampMs: 2);
        for (var u = 1; u < 2_500; u += 2)
        {
            state.ApplyRead($"u{u}", 1, isPrivate: false, timestampMs: 3);
        }

        var updates = ReceiptMapper.ToReceiptUpdates(state.DrainChanges(), DateTimeOffset.UnixEpoch, maxEntries: 1_000).ToList();

        Assert.Equal(3, updates.Count);
        Assert.All(updates, u => Assert.Equal(state.Version, u.Version));
        Assert.All(updates, u => Assert.True(u.Members.Count <= 1_000));
        Assert.Equal(2_500, updates.Sum(u => u.Members.Count));
        Assert.Equal(2_500, updates.SelectMany(u => u.Members).Select(m => m.UserId).Distinct().Count());
        foreach (var update in updates)
        {
            var users = update.Members.Select(m => m.UserId).ToHashSet();
            Assert.All(update.Badges, b => Assert.Contains(b.UserId, users));
            Assert.All(update.Watermarks, w => Assert.Contains(w.UserId, users));
        }

        Assert.Single(updates[0].Messages);
        Assert.Equal(new[] { (1L, 1_250L, 2_499L) }, updates[0].Counts.Select(c => (c.Seq, c.Read, c.Eligible)));
    }

    [Fact]
    public void A_change_of_version_only_still_yields_one_update_with_that_version()
    {
        var state = new ConversationState("dup", new ModelOptions());
        state.ApplyMessage(1, "a", false, 1, 1);
        state.DrainChanges();
        state.ApplyMessage(1, "a", false, 1, 1); // a redelivery: nothing visible changes

        var update = Assert.Single(ReceiptMapper.ToReceiptUpdates(state.DrainChanges(), DateTimeOffset.UnixEpoch));

        Assert.Equal(2, update.Version);
        Assert.Empty(update.Members);
        Assert.Empty(update.Messages);
    }

    [Fact]
    public void Private_reads_move_only_the_badge_never_the_public_watermark_entries()
    {
        var state = new ConversationState("p", new ModelOptions());
        state.ApplyMembership("a", true, 1, 0, 1);
        state.ApplyMembership("b", true, 1, 0, 1);
        state.ApplyMessage(1, "a", false, 2, 2);
        state.DrainChanges();
        state.ApplyRead("b", 1, isPrivate: true, timestampMs: 3);

        var update = Assert.Single(ReceiptMapper.ToReceiptUpdates(state.DrainChanges(), DateTimeOffset.UnixEpoch));

        Assert.Empty(update.Watermarks);
        Assert.Equal(0, Assert.Single(update.Members).ReadSeq);
        Assert.Equal((1L, 0L), (Assert.Single(update.Badges).ReadSeq, update.Badges[0].Unread));
        Assert.All(update.Counts, c => Assert.Equal(0, c.Read));
    }

    [Fact]
    public void A_full_state_split_into_parts_rebuilds_an_empty_store_to_what_every_update_so_far_built()
    {
        var state = new ConversationState("g", new ModelOptions { HotWindowSize = 5 });
        var everyUpdate = new ReceiptProjection();
        var random = new Random(5);
        for (var i = 0; i < 3_000; i++)
        {
            var user = $"u{random.Next(40)}";
            var t = 1_000 + i;
            switch (random.Next(10))
            {
                case 0: state.ApplyMembership(user, joined: random.Next(4) > 0, atMs: t, afterSeq: Math.Max(0, state.LastSeq - 1), timestampMs: t); break;
                case < 4: state.ApplyMessage(state.LastSeq + 1 + random.Next(2), user, isDirect: false, sentAtMs: t, timestampMs: t); break;
                default: state.ApplyRead(user, Math.Max(1, state.LastSeq - random.Next(3)), isPrivate: random.Next(4) == 0, timestampMs: t); break;
            }

            if (i % 50 == 0)
            {
                foreach (var update in ReceiptMapper.ToReceiptUpdates(state.DrainChanges(), DateTimeOffset.UnixEpoch))
                {
                    everyUpdate.Apply(update);
                }
            }
        }

        foreach (var update in ReceiptMapper.ToReceiptUpdates(state.DrainChanges(), DateTimeOffset.UnixEpoch))
        {
            everyUpdate.Apply(update);
        }

        var parts = ReceiptMapper.ToReceiptUpdates(state.DescribeFullState(), DateTimeOffset.UnixEpoch, maxEntries: 100).ToList();
        var rebuilt = new ReceiptProjection();
        parts.ForEach(rebuilt.Apply);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.FullState && p.Version == state.Version && p.Messages.Count <= 100 && p.Members.Count <= 100));
        Assert.All(parts, p => Assert.Empty(p.Watermarks));
        Assert.Equal(everyUpdate.Conversations["g"].Describe(), rebuilt.Conversations["g"].Describe());
        Assert.Equal(state.KnownMessageCount, parts.Sum(p => p.Messages.Count));
        Assert.All(parts.SelectMany(p => p.Messages), m => Assert.Equal(m.Seq >= state.DescribeFullState().HotWindowFrom, m.SentAt is not null));
    }
}
