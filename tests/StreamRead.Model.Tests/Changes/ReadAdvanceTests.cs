using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Changes;

/// <summary>Read advances: one analytics fact per own-position advance, never one per message (SPEC 3).</summary>
public sealed class ReadAdvanceTests
{
    [Fact]
    public void AReport_GivesOneAdvance_CountingOnlyKnownMessagesTheUserCanRead()
    {
        var chat = new Chat().Join("alice").Send("alice", 1, 2, 4, 6, 7).Join("bob", afterSeq: 2);
        chat.State.DrainChanges();

        chat.At(3).Read("bob", 6);

        ReadAdvance advance = Assert.Single(chat.State.DrainChanges().ReadAdvances);
        Assert.Equal(new ReadAdvance("bob", 0, 6, 2, false, 2, Chat.T0 + 3000), advance); // 4 and 6: not 1, 2 (before joining), 3, 5 (gaps)
    }

    [Fact]
    public void ASend_IsAnAdvance_ThatDoesNotCountTheOwnMessage()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2);
        chat.State.DrainChanges();

        chat.Send(3, "bob");

        Assert.Equal([new ReadAdvance("bob", 0, 3, 2, false, 2, Chat.T0)], chat.State.DrainChanges().ReadAdvances);
    }

    [Fact]
    public void APrivateRead_IsAPrivateAdvance_AndPublishingItLaterIsNoNewAdvance()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2);
        chat.State.DrainChanges();

        chat.ReadPrivately("bob", 2);
        Assert.True(Assert.Single(chat.State.DrainChanges().ReadAdvances).IsPrivate);

        chat.Read("bob", 2);
        ConversationChanges changes = chat.State.DrainChanges();
        Assert.Empty(changes.ReadAdvances);
        Assert.True(Assert.Single(changes.Members).PublicWatermarkAdvanced);
    }

    [Fact]
    public void AnEarlyRead_AdvancesWhenItsMessageArrives_StampedWithTheMessageRecord()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1).At(0).Read("bob", 2);
        chat.State.DrainChanges();

        chat.At(30).Send("alice", 2);

        ReadAdvance advance = chat.State.DrainChanges().ReadAdvances.Single(a => a.UserId == "bob");
        Assert.Equal((1L, 2L, 1L, Chat.T0 + 30_000), (advance.FromSeq, advance.ToSeq, advance.NewlyRead, advance.TimestampMs));
    }

    [Fact]
    public void ANonMembersAdvance_ReadsNothingItIsEligibleFor()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2).At(1).Leave("bob");
        chat.State.DrainChanges();

        chat.At(2).Read("bob", 2);

        Assert.Equal(new ReadAdvance("bob", 0, 2, 0, false, 1, Chat.T0 + 2000), Assert.Single(chat.State.DrainChanges().ReadAdvances));
    }
}
