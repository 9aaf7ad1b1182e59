using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Properties;

/// <summary>
/// Restoring a conversation from its snapshots is invisible: the restored state gives the same
/// drains (versions, counts, advances, milestones already fired), answers and snapshots as a state
/// that was never restored (SPEC 2.7: a restart replays nothing twice and loses nothing).
/// </summary>
public sealed class SnapshotProperties
{
    [Fact]
    public void RestoreAtAnyDrain_ThenContinuing_GivesTheSameDrainsAndState()
    {
        PropertyCheck.Hold(Generators.Scenarios(smallHotWindows: true, staleReads: false, explicitAfterSeq: false), 1000, scenario =>
        {
            IReadOnlyList<HistoryEvent> events = scenario.Events;
            int cut = scenario.Keys[0] % (events.Count + 1);
            var options = scenario.Settings.ToOptions();
            var original = new ConversationState("c", options);
            var restarted = new ConversationState("c", options);
            for (int i = 0; i < events.Count; i++)
            {
                if (i == cut)
                {
                    Assert.Equal(DrainProjection.Describe(original.DrainChanges()), DrainProjection.Describe(restarted.DrainChanges()));
                    restarted = RoundTrip(restarted, options);
                }

                events[i].ApplyTo(original);
                events[i].ApplyTo(restarted);
                if (scenario.DrainAfterEvent(i))
                {
                    Assert.Equal(DrainProjection.Describe(original.DrainChanges()), DrainProjection.Describe(restarted.DrainChanges()));
                }
            }

            Assert.Equal(DrainProjection.Describe(original.DrainChanges()), DrainProjection.Describe(restarted.DrainChanges()));
            Assert.Equal(Observations.Describe(original, Observations.AllUsers), Observations.Describe(restarted, Observations.AllUsers));
            Assert.Equal(original.CaptureSnapshot(), restarted.CaptureSnapshot());
            Assert.Equal(original.Members.Select(m => original.CaptureMember(m.UserId)), restarted.Members.Select(m => restarted.CaptureMember(m.UserId)));
        });
    }

    // Members are handed over in an arbitrary order, as a changelog keyed by user returns them.
    private static ConversationState RoundTrip(ConversationState state, ModelOptions options)
    {
        ConversationSnapshot snapshot = state.CaptureSnapshot();
        AssertFlushViewAgrees(state, snapshot);
        var members = state.Members.Select(m => state.CaptureMember(m.UserId)).OrderBy(m => m.UserId.GetHashCode()).ToList();
        ConversationState restored = ConversationState.Restore(snapshot, members, options);
        Assert.Equal(snapshot, restored.CaptureSnapshot());
        Assert.False(restored.HasChanges);
        return restored;
    }

    // What a flush writes (the snapshot without senders, and senders read by ordinal) is the full snapshot's content.
    private static void AssertFlushViewAgrees(ConversationState state, ConversationSnapshot snapshot)
    {
        Assert.Equal(snapshot with { Senders = [], MessageSenders = [] }, state.CaptureSnapshotWithoutSenders());
        Assert.Equal(snapshot.MessageSenders.Length, snapshot.MessageCount);
        Assert.Equal(snapshot.MessageSenders.Select(i => snapshot.Senders[i]), state.SendersFrom(0, snapshot.MessageCount));
        if (snapshot.MessageCount > 1)
        {
            Assert.Equal(snapshot.MessageSenders.Skip(1).Select(i => snapshot.Senders[i]), state.SendersFrom(1, snapshot.MessageCount));
        }
    }
}
