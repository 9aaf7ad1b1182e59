using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Properties;

/// <summary>
/// The full state rebuilds a serving store that lost everything (docs/design.md, "Rebuilding the
/// serving store"): alone it equals the model, after it the drains continue as if nothing was lost,
/// and describing it changes nothing.
/// </summary>
public sealed class FullStateProperties
{
    [Fact]
    public void FullState_FoldedIntoAnEmptyProjection_EqualsDirectQueries()
    {
        PropertyCheck.Hold(Generators.Scenarios(smallHotWindows: true, staleReads: false, explicitAfterSeq: false), 500, scenario =>
        {
            var state = new ConversationState("c", scenario.Settings.ToOptions());
            for (int i = 0; i < scenario.Events.Count; i++)
            {
                scenario.Events[i].ApplyTo(state);
                if (scenario.DrainAfterEvent(i))
                {
                    state.DrainChanges();
                    AssertFullStateMatches(state);
                }
            }

            // Also with undrained changes: the full state is the current state, drained or not.
            AssertFullStateMatches(state);
        });
    }

    [Fact]
    public void AStoreWipedAtAnyPoint_RebuiltFromTheFullState_ThenFollowingTheDrains_EqualsDirectQueries()
    {
        PropertyCheck.Hold(Generators.Scenarios(smallHotWindows: true, staleReads: false, explicitAfterSeq: false), 500, scenario =>
        {
            var state = new ConversationState("c", scenario.Settings.ToOptions());
            var projection = new DrainProjection();
            int wipeAt = scenario.Keys[0] % (scenario.Events.Count + 1);
            int drainsBeforeRebuild = -1; // -1: no rebuild pending
            for (int i = 0; i < scenario.Events.Count; i++)
            {
                if (i == wipeAt)
                {
                    // The store loses everything; the drains until the rebuild land on the empty store.
                    projection = new DrainProjection();
                    drainsBeforeRebuild = scenario.Keys[1] % 3;
                }

                scenario.Events[i].ApplyTo(state);
                if (scenario.DrainAfterEvent(i))
                {
                    projection.Fold(state.DrainChanges());
                    if (drainsBeforeRebuild == 0)
                    {
                        projection.Fold(state.DescribeFullState());
                    }

                    drainsBeforeRebuild--;
                }
            }

            projection.Fold(state.DrainChanges());
            if (drainsBeforeRebuild >= 0 || wipeAt == scenario.Events.Count)
            {
                projection.Fold(state.DescribeFullState());
            }

            DrainProjectionProperties.AssertProjectionMatches(state, projection);
        });
    }

    [Fact]
    public void DescribingTheFullState_ChangesNoDrain()
    {
        PropertyCheck.Hold(Generators.Scenarios(smallHotWindows: true, staleReads: false, explicitAfterSeq: false), 300, scenario =>
        {
            var described = new ConversationState("c", scenario.Settings.ToOptions());
            var plain = new ConversationState("c", scenario.Settings.ToOptions());
            for (int i = 0; i < scenario.Events.Count; i++)
            {
                scenario.Events[i].ApplyTo(described);
                scenario.Events[i].ApplyTo(plain);
                described.DescribeFullState();
                if (scenario.DrainAfterEvent(i))
                {
                    Assert.Equal(DrainProjection.Describe(plain.DrainChanges()), DrainProjection.Describe(described.DrainChanges()));
                }
            }

            Assert.Equal(DrainProjection.Describe(plain.DrainChanges()), DrainProjection.Describe(described.DrainChanges()));
        });
    }

    [Fact]
    public void TheFullState_ListsEveryKnownMessageWithItsSender_AndSendTimesOnlyInTheHotWindow()
    {
        var state = new ConversationState("c", new ModelOptions { HotWindowSize = 2 });
        state.ApplyMembership("a", joined: true, atMs: 0, afterSeq: 0, timestampMs: 0);
        state.ApplyMessage(1, "a", isDirect: false, sentAtMs: 1_000, timestampMs: 1_000);
        state.ApplyMessage(3, "b", isDirect: false, sentAtMs: 3_000, timestampMs: 3_000);
        state.ApplyMessage(4, "a", isDirect: true, sentAtMs: 4_000, timestampMs: 4_000);
        state.ApplyRead("c", 3, isPrivate: true, timestampMs: 5_000);

        ConversationFullState full = state.DescribeFullState();

        Assert.Equal((state.Version, 4L, 3L, true, 3L), (full.Version, full.LastSeq, full.KnownMessageCount, full.IsDirect, full.HotWindowFrom));
        Assert.Equal([new KnownMessage(1, "a", null), new KnownMessage(3, "b", 3_000), new KnownMessage(4, "a", 4_000)], full.Messages);
        Assert.Equal(["a", "b", "c"], full.Members.Select(m => m.UserId));
        Assert.All(full.Members, m => Assert.False(m.PublicWatermarkAdvanced));
        // c's private read: its own position and badge, never its public watermark (SPEC 2.6).
        MemberChange c = full.Members.Single(m => m.UserId == "c");
        Assert.Equal((0L, 3L, 1L), (c.Snapshot.PublicWatermark, c.Snapshot.ReadPosition, c.Unread));
        Assert.Equal([3L, 4L], full.Counts.Select(x => x.Seq));
        Assert.All(full.Counts, x => Assert.Equal(state.GetReceipt(x.Seq)!.Value, new ReceiptCounts(x.Read, x.Eligible)));
    }

    private static void AssertFullStateMatches(ConversationState state)
    {
        var projection = new DrainProjection();
        projection.Fold(state.DescribeFullState());
        DrainProjectionProperties.AssertProjectionMatches(state, projection);
    }
}
