using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Rules;

/// <summary>SPEC 2.6: a private report moves the own read position, not the watermark others see.</summary>
public sealed class PrivateReceiptTests
{
    [Fact]
    public void APrivateRead_ClearsTheBadge_ButIsInvisibleToOthers()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3);
        chat.State.DrainChanges();

        chat.ReadPrivately("bob", 3);

        Assert.Equal(new MemberView("bob", true, 0, 0, 3, 0), chat.Member("bob"));
        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(3));
        MemberChange change = Assert.Single(chat.State.DrainChanges().Members);
        Assert.False(change.PublicWatermarkAdvanced);
    }

    [Fact]
    public void ALaterPublicReport_CoversBoth()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3, 4).ReadPrivately("bob", 3);

        chat.Read("bob", 2);
        Assert.Equal((2L, 3L), (chat.Member("bob").PublicWatermark, chat.Member("bob").OwnReadPosition));

        chat.Read("bob", 4);
        Assert.Equal((4L, 4L), (chat.Member("bob").PublicWatermark, chat.Member("bob").OwnReadPosition));
        Assert.Equal(new ReceiptCounts(1, 1), chat.Receipt(4));
    }

    [Fact]
    public void APrivateEarlyRead_MovesOnlyTheOwnPositionWhenTheMessageArrives()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1).At(0).ReadPrivately("bob", 2);

        chat.At(10).Send("alice", 2);

        Assert.Equal((0L, 2L), (chat.Member("bob").PublicWatermark, chat.Member("bob").OwnReadPosition));
        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(2));
    }
}
