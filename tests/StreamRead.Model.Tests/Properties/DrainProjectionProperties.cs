using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Properties;

/// <summary>
/// Folding every drain, taken at any points, reproduces what the model answers: the Redis sink and
/// the receipts topic rely on it (SPEC 2.7, 3).
/// </summary>
public sealed class DrainProjectionProperties
{
    [Fact]
    public void FoldedDrains_EqualDirectQueries()
    {
        PropertyCheck.Hold(Generators.Scenarios(smallHotWindows: true, staleReads: false, explicitAfterSeq: false), 1000, scenario =>
        {
            var state = new ConversationState("c", scenario.Settings.ToOptions());
            var projection = new DrainProjection();
            for (int i = 0; i < scenario.Events.Count; i++)
            {
                scenario.Events[i].ApplyTo(state);
                if (scenario.DrainAfterEvent(i))
                {
                    DrainAndCheck(state, projection);
                }
            }

            DrainAndCheck(state, projection);
            Assert.False(state.HasChanges);
            AssertProjectionMatches(state, projection);
        });
    }

    [Fact]
    public void Milestones_FireOncePerMessage_AndEveryHotMessageReachingOneHasFiredIt()
    {
        PropertyCheck.Hold(Generators.Scenarios(smallHotWindows: true, staleReads: false, explicitAfterSeq: false), 1000, scenario =>
        {
            var state = new ConversationState("c", scenario.Settings.ToOptions());
            var projection = new DrainProjection();
            foreach (HistoryEvent e in scenario.Events)
            {
                e.ApplyTo(state);
                projection.Fold(state.DrainChanges());
            }

            var fired = projection.Milestones.GroupBy(m => (m.Seq, m.Kind)).ToList();
            Assert.All(fired, group => Assert.Single(group));
            Assert.All(projection.Milestones, m => Assert.True(MeetsThreshold(m.Kind, m.Read, m.Eligible), $"{m} fired below its threshold"));
            foreach (long seq in projection.Counts.Keys)
            {
                ReceiptCounts counts = state.GetReceipt(seq)!.Value;
                foreach (MilestoneKind kind in Enum.GetValues<MilestoneKind>())
                {
                    if (MeetsThreshold(kind, counts.Read, counts.Eligible))
                    {
                        Assert.Contains(projection.Milestones, m => m.Seq == seq && m.Kind == kind);
                    }
                }
            }
        });
    }

    private static bool MeetsThreshold(MilestoneKind kind, long read, long eligible) => kind switch
    {
        MilestoneKind.FirstRead => read >= 1,
        MilestoneKind.HalfRead => eligible > 0 && read * 2 >= eligible,
        _ => eligible > 0 && read == eligible,
    };

    private static void DrainAndCheck(ConversationState state, DrainProjection projection)
    {
        ConversationChanges changes = state.DrainChanges();
        Assert.Equal(state.Version, changes.Version);
        Assert.Equal(changes.Counts.Count, changes.Counts.Select(c => c.Seq).Distinct().Count());
        Assert.Equal(changes.Members.Count, changes.Members.Select(m => m.UserId).Distinct().Count());
        Assert.All(changes.Members, m => Assert.Equal(state.GetUnreadCount(m.UserId), m.Unread));
        projection.Fold(changes);
    }

    /// <summary>What a projection answers equals what the model answers: header, known seqs, hot counts, members and badges.</summary>
    internal static void AssertProjectionMatches(ConversationState state, DrainProjection projection)
    {
        ConversationChanges latest = projection.Latest!;
        Assert.Equal(
            (state.Version, state.LastSeq, state.KnownMessageCount, state.IsDirect),
            (latest.Version, latest.LastSeq, latest.KnownMessageCount, latest.IsDirect));

        // Known seqs: the projection's, and nothing else.
        Assert.Equal(state.KnownMessageCount, projection.Known.Count);
        Assert.All(projection.Known, seq => Assert.True(state.IsKnownMessage(seq)));

        // Counts: exactly the hot window (the highest known seqs), each as the model answers it.
        var hot = projection.Known.Where(seq => seq >= latest.HotWindowFrom).ToList();
        Assert.Equal(hot, projection.Counts.Keys.Order());
        Assert.Equal(Math.Min(state.KnownMessageCount, state.Options.HotWindowSize), hot.Count);
        Assert.All(hot, seq =>
        {
            ReceiptCounts expected = state.GetReceipt(seq)!.Value;
            Assert.Equal((expected.Read, expected.Eligible), projection.Counts[seq]);
        });

        // Members: every user's latest snapshot, and the badge a sink derives from it.
        Assert.Equal(state.Members.Count(), projection.Members.Count);
        Assert.All(state.Members, view =>
        {
            Assert.Equal(state.CaptureMember(view.UserId), projection.Members[view.UserId]);
            Assert.Equal(view.Unread, projection.Badge(view.UserId));
        });
    }
}
