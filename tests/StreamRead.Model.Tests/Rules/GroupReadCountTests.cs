using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Rules;

/// <summary>SPEC 2.3: read(m) = eligible members whose watermark reaches m; unread = eligible - read.</summary>
public sealed class GroupReadCountTests
{
    [Fact]
    public void TheReadCount_CountsEligibleMembersWhoseWatermarkReachesTheMessage()
    {
        var chat = new Chat().Join("alice", "bob", "carol", "dave").Send("alice", 1, 2, 3);

        chat.Read("bob", 3).Read("carol", 2);

        Assert.Equal(new ReceiptCounts(2, 3), chat.Receipt(2));
        Assert.Equal(1, chat.Receipt(2).Unread);
        Assert.Equal(new ReceiptCounts(1, 3), chat.Receipt(3));
    }

    [Fact]
    public void TheSender_IsNeitherEligibleNorAReader_OfItsOwnMessage()
    {
        var chat = new Chat().Join("alice", "bob").Send(1, "alice").Send(2, "bob");

        Assert.Equal(new ReceiptCounts(1, 1), chat.Receipt(1)); // bob, by replying
        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(2)); // alice has not read bob's reply
    }

    [Fact]
    public void ADirectConversation_GivesTheOneOfOneReadTick()
    {
        var chat = new Chat().Join("alice", "bob").Send(1, "alice", direct: true);
        Assert.True(chat.State.IsDirect);
        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(1));

        chat.Read("bob", 1);

        Assert.Equal(new ReceiptCounts(1, 1), chat.Receipt(1));
    }

    [Fact]
    public void TheConversationKind_FollowsTheHighestSeqMessage()
    {
        var chat = new Chat().Send(1, "alice", direct: true).Send(3, "bob", direct: false);

        chat.Send(2, "alice", direct: true); // arrives late, below the last seq

        Assert.False(chat.State.IsDirect);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(1_000_000)]
    public void ASeqThatIsNotAKnownMessage_HasNoReceipt(long seq)
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 3);

        Assert.Null(chat.State.GetReceipt(seq));
        Assert.False(chat.State.IsKnownMessage(seq));
    }

    [Fact]
    public void MessagesOlderThanTheHotWindow_StayAnswerable()
    {
        var chat = new Chat(new ModelOptions { HotWindowSize = 2 }).Join("alice", "bob", "carol").Send("alice", 1).Send("bob", 2, 3, 4, 5);

        chat.Read("carol", 1);

        Assert.Equal(4, chat.State.DrainChanges().HotWindowFrom);
        Assert.Equal(new ReceiptCounts(2, 2), chat.Receipt(1)); // bob replied, carol read; alice sent it
        Assert.Equal(new ReceiptCounts(0, 2), chat.Receipt(2));
    }

    [Fact]
    public void AGroupOfAHundredThousand_HasNoSizeLimit()
    {
        var chat = new Chat().Send(1, "sender");
        for (int i = 0; i < 100_000; i++)
        {
            chat.Read($"user-{i}", i % 4 == 0 ? 1 : 0);
        }

        Assert.Equal(100_001, chat.State.MemberCount);
        Assert.Equal(new ReceiptCounts(25_000, 100_000), chat.Receipt(1));
    }
}
