using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Changes;

/// <summary>Message milestones: first read, half read, all read, once each per message (SPEC 3).</summary>
public sealed class MilestoneTests
{
    [Fact]
    public void Milestones_FireOnceEach_StampedWithTheRecordThatReachedThem()
    {
        var chat = new Chat().Join("alice", "b1", "b2", "b3", "b4").At(0).Send("alice", 1);
        chat.State.DrainChanges();

        chat.At(1).Read("b1", 1).At(2).Read("b2", 1).At(3).Read("b3", 1).At(4).Read("b4", 1).At(5).Read("b4", 1);

        Assert.Equal(
            [
                new Milestone(MilestoneKind.FirstRead, 1, Chat.T0, Chat.T0 + 1000, 1, 4),
                new Milestone(MilestoneKind.HalfRead, 1, Chat.T0, Chat.T0 + 2000, 2, 4),
                new Milestone(MilestoneKind.AllRead, 1, Chat.T0, Chat.T0 + 4000, 4, 4),
            ],
            chat.State.DrainChanges().Milestones);
    }

    [Fact]
    public void HalfRead_RoundsUp_AndOneReportCanReachSeveralMilestonesOfSeveralMessages()
    {
        var chat = new Chat().Join("alice", "bob", "carol", "dave").Send("alice", 1, 2);
        chat.State.DrainChanges();

        chat.At(1).Read("bob", 2);

        Assert.Equal(
            [(1L, MilestoneKind.FirstRead), (2L, MilestoneKind.FirstRead)],
            chat.State.DrainChanges().Milestones.Select(m => (m.Seq, m.Kind)));

        chat.At(2).Read("carol", 2); // 2 of 3: at least ceil(3/2)
        Assert.Equal([(1L, MilestoneKind.HalfRead), (2L, MilestoneKind.HalfRead)], chat.State.DrainChanges().Milestones.Select(m => (m.Seq, m.Kind)));
    }

    [Fact]
    public void AllRead_IsReachedWhenTheLastUnreadMemberLeaves()
    {
        var chat = new Chat().Join("alice", "bob", "carol").Send("alice", 1).Read("bob", 1);
        chat.State.DrainChanges();

        chat.At(9).Leave("carol");

        Milestone allRead = Assert.Single(chat.State.DrainChanges().Milestones);
        Assert.Equal((MilestoneKind.AllRead, 1L, 1L, Chat.T0 + 9000), (allRead.Kind, allRead.Read, allRead.Eligible, allRead.TimestampMs));
    }

    [Fact]
    public void AMessageNobodyCanRead_ReachesNoMilestone()
    {
        var chat = new Chat().Send(1, "alice");

        Assert.Empty(chat.State.DrainChanges().Milestones);
    }

    [Fact]
    public void AMilestone_DoesNotFireAgain_WhenCountsDropAndRecover()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1).Read("bob", 1);
        Assert.Contains(chat.State.DrainChanges().Milestones, m => m.Kind == MilestoneKind.AllRead);

        chat.At(1).Join("carol", afterSeq: 0).Read("carol", 1);

        Assert.Empty(chat.State.DrainChanges().Milestones);
    }
}
