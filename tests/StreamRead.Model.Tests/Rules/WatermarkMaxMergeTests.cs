using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Rules;

/// <summary>SPEC 2.1: the watermark is the maximum of every report and every send; it never decreases.</summary>
public sealed class WatermarkMaxMergeTests
{
    [Theory]
    [InlineData(2, 5, 3)]
    [InlineData(5, 3, 2)]
    [InlineData(3, 2, 5)]
    public void ReportsInAnyOrder_MergeToTheirMaximum(long first, long second, long third)
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3, 4, 5, 6);

        chat.Read("bob", first).Read("bob", second).Read("bob", third);

        Assert.Equal(5, chat.Member("bob").PublicWatermark);
        Assert.Equal(new ReceiptCounts(1, 1), chat.Receipt(5));
        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(6));
    }

    [Fact]
    public void ALowerReport_NeverMovesTheWatermarkBack()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3, 4).Read("bob", 4);

        chat.Read("bob", 1);

        Assert.Equal(4, chat.Member("bob").PublicWatermark);
        Assert.Equal(0, chat.Badge("bob"));
    }

    [Fact]
    public void DuplicateReports_ChangeNothingButTheVersion()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3).Read("bob", 2);
        chat.State.DrainChanges();
        long version = chat.State.Version;

        chat.Read("bob", 2).Read("bob", 2);
        ConversationChanges changes = chat.State.DrainChanges();

        Assert.Equal(version + 2, changes.Version);
        Assert.Empty(changes.Members);
        Assert.Empty(changes.Counts);
        Assert.Empty(changes.ReadAdvances);
        Assert.Equal(2, chat.Member("bob").PublicWatermark);
    }

    [Fact]
    public void Sending_ImpliesHavingReadUpToTheMessage()
    {
        var chat = new Chat().Join("alice", "bob", "carol").Send("alice", 1, 2).Send(3, "bob");

        Assert.Equal(3, chat.Member("bob").PublicWatermark);
        Assert.Equal(new ReceiptCounts(1, 2), chat.Receipt(2)); // bob read it by replying; carol did not
        Assert.Equal(0, chat.Badge("bob"));
    }
}
