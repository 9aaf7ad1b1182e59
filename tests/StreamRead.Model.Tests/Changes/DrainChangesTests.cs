using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Changes;

/// <summary>What a flush gets from <see cref="ConversationState.DrainChanges"/> (docs/design.md, "Changes per flush").</summary>
public sealed class DrainChangesTests
{
    [Fact]
    public void ADrain_ListsEachChangedMemberOnce_WithItsCompleteStateAndBadge()
    {
        var chat = new Chat().Join("alice", "bob", "carol").Send("alice", 1, 2, 3);
        chat.State.DrainChanges();

        chat.Read("bob", 1).Read("bob", 2).ReadPrivately("carol", 3);
        ConversationChanges changes = chat.State.DrainChanges();

        Assert.Equal(["bob", "carol"], changes.Members.Select(m => m.UserId));
        MemberChange bob = changes.Members[0];
        Assert.Equal(chat.State.CaptureMember("bob"), bob.Snapshot);
        Assert.Equal((1L, true), (bob.Unread, bob.PublicWatermarkAdvanced));
        Assert.Equal((0L, false), (changes.Members[1].Unread, changes.Members[1].PublicWatermarkAdvanced));
    }

    [Fact]
    public void ADrain_EmitsOnlyCountsThatDifferFromWhatWasEmitted()
    {
        var chat = new Chat().Join("alice", "bob", "carol").Send("alice", 1, 2, 3);
        Assert.Equal([1L, 2L, 3L], chat.State.DrainChanges().Counts.Select(c => c.Seq));

        chat.Read("bob", 2).ReadPrivately("carol", 3);

        Assert.Equal([new MessageCounts(1, 1, 2), new MessageCounts(2, 1, 2)], chat.State.DrainChanges().Counts);
        Assert.Empty(chat.State.DrainChanges().Counts);
    }

    [Fact]
    public void ADrain_ReportsNewMessagesAndTheSeqsThatLeftTheHotWindow()
    {
        var chat = new Chat(new ModelOptions { HotWindowSize = 2 }).Join("alice", "bob").Send("alice", 1, 2);
        chat.State.DrainChanges();

        chat.At(1).Send("alice", 3, 5);
        ConversationChanges changes = chat.State.DrainChanges();

        Assert.Equal(
            [new NewMessage(3, "alice", false, Chat.T0 + 1000, Chat.T0 + 1000), new NewMessage(5, "alice", false, Chat.T0 + 1000, Chat.T0 + 1000)],
            changes.Messages);
        Assert.Equal([1L, 2L], changes.EvictedSeqs);
        Assert.Equal(3, changes.HotWindowFrom);
        Assert.Equal([3L, 5L], changes.Counts.Select(c => c.Seq));
        Assert.Equal((5L, 4L), (changes.LastSeq, changes.KnownMessageCount));
    }

    [Fact]
    public void AMemberJoining_ChangesTheCountsOfEveryHotMessageAfterItsEligibilityPoint()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3, 4);
        chat.State.DrainChanges();

        chat.Join("carol", afterSeq: 2);

        Assert.Equal([new MessageCounts(3, 0, 2), new MessageCounts(4, 0, 2)], chat.State.DrainChanges().Counts);
    }

    [Fact]
    public void HasChanges_IsFalseAfterADrain_AndTrueAfterAnyRecord()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1).Read("bob", 1);
        Assert.True(chat.State.HasChanges);
        chat.State.DrainChanges();
        Assert.False(chat.State.HasChanges);

        chat.Read("bob", 1); // a duplicate still moves the version, which the changelog must record

        Assert.True(chat.State.HasChanges);
    }
}
