using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Snapshots;

/// <summary>Snapshots are plain data that restore a conversation exactly (SPEC 2.7: restarts are invisible).</summary>
public sealed class SnapshotRestoreTests
{
    private static Chat Busy(ModelOptions? options = null)
    {
        var chat = new Chat(options).Join("alice", "bob", "carol").Send("alice", 1, 2, 5, 6).Read("bob", 5).ReadPrivately("carol", 2);
        chat.At(1).Leave("carol").At(2).Read("bob", 9); // bob keeps a pending read
        chat.State.DrainChanges();
        return chat;
    }

    [Fact]
    public void ARestoredConversation_AnswersAndContinuesLikeTheOriginal()
    {
        Chat chat = Busy();
        ConversationState restored = ConversationState.Restore(
            chat.State.CaptureSnapshot(), chat.State.Members.Reverse().Select(m => chat.State.CaptureMember(m.UserId)), new ModelOptions());

        Assert.Equal(Observations.Describe(chat.State, ["alice", "bob", "carol"]), Observations.Describe(restored, ["alice", "bob", "carol"]));
        Assert.Equal(chat.State.Members, restored.Members);

        chat.At(10).Send("alice", 7);
        restored.ApplyMessage(7, "alice", false, chat.NowMs, chat.NowMs);
        Assert.Equal(DrainProjection.Describe(chat.State.DrainChanges()), DrainProjection.Describe(restored.DrainChanges()));
        Assert.Equal(7, restored.GetMember("bob")!.PublicWatermark); // the pending read survived the restore
    }

    [Fact]
    public void CapturingWithUndrainedChanges_IsRefused_BecauseTheyWouldBeLost()
    {
        Chat chat = Busy().Read("alice", 6);

        var error = Assert.Throws<InvalidOperationException>(() => chat.State.CaptureSnapshot());

        Assert.Contains("DrainChanges", error.Message);
    }

    [Fact]
    public void RestoringIntoASmallerHotWindow_ReportsTheDroppedSeqsAsEvicted()
    {
        Chat chat = Busy();

        ConversationState restored = ConversationState.Restore(
            chat.State.CaptureSnapshot(), chat.State.Members.Select(m => chat.State.CaptureMember(m.UserId)), new ModelOptions { HotWindowSize = 2 });

        Assert.True(restored.HasChanges);
        ConversationChanges changes = restored.DrainChanges();
        Assert.Equal([1L, 2L], changes.EvictedSeqs);
        Assert.Equal(5, changes.HotWindowFrom);
        Assert.Equal(chat.State.GetReceipt(1), restored.GetReceipt(1));
    }

    [Fact]
    public void RestoringWithoutASendersMemberSnapshot_SaysWhatIsMissing()
    {
        Chat chat = Busy();

        var error = Assert.Throws<ArgumentException>(() => ConversationState.Restore(
            chat.State.CaptureSnapshot(), [chat.State.CaptureMember("bob")], new ModelOptions()));

        Assert.Contains("sender 'alice' has no member snapshot", error.Message);
    }

    [Fact]
    public void RestoringTwoMembersWithOneOrdinal_IsRejected()
    {
        Chat chat = Busy();
        MemberSnapshot alice = chat.State.CaptureMember("alice");

        var error = Assert.Throws<ArgumentException>(() => ConversationState.Restore(
            chat.State.CaptureSnapshot(), [alice, chat.State.CaptureMember("bob") with { Ordinal = alice.Ordinal }], new ModelOptions()));

        Assert.Contains("same ordinal", error.Message);
    }

    [Fact]
    public void CapturingAUserNeverSeen_IsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => Busy().State.CaptureMember("nobody"));

        Assert.Contains("nobody", error.Message);
    }

    [Fact]
    public void Snapshots_CompareByContent()
    {
        Chat chat = Busy();

        Assert.Equal(chat.State.CaptureSnapshot(), chat.State.CaptureSnapshot());
        Assert.Equal(chat.State.CaptureMember("bob"), chat.State.CaptureMember("bob"));
        Assert.NotEqual(chat.State.CaptureMember("bob"), chat.State.CaptureMember("bob") with { PendingReads = [] });
    }
}
