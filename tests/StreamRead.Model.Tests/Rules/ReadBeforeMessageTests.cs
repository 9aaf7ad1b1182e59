using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Rules;

/// <summary>
/// SPEC 2.5: a report ahead of the known messages is applied to those arriving within the window
/// (default 60 s of record time), never to later ones.
/// </summary>
public sealed class ReadBeforeMessageTests
{
    [Fact]
    public void AnEarlyRead_AppliesToMessagesArrivingWithinTheWindow()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3);

        chat.At(0).Read("bob", 5);
        Assert.Equal(3, chat.Member("bob").PublicWatermark); // never beyond the last known message
        chat.At(20).Send("alice", 4).At(59).Send("alice", 5);

        Assert.Equal(5, chat.Member("bob").PublicWatermark);
        Assert.Equal(new ReceiptCounts(1, 1), chat.Receipt(5));
        Assert.Empty(chat.State.CaptureMember("bob").PendingReads);
    }

    [Fact]
    public void AnEarlyRead_NeverAppliesToAMessageArrivingAfterTheWindow()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3).At(0).Read("bob", 5);

        chat.At(30).Send("alice", 4).At(61).Send("alice", 5);

        Assert.Equal(4, chat.Member("bob").PublicWatermark);
        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(5));
        Assert.Equal(1, chat.Badge("bob"));
    }

    [Fact]
    public void AReadSeqOfTenToTheFifteenth_CannotMuteTheConversation()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1).At(0).Read("bob", 1_000_000_000_000_000);

        chat.At(10).Send("alice", 2, 3).At(120).Send("alice", 4).At(3600).Send("alice", 5);

        Assert.Equal(3, chat.Member("bob").PublicWatermark);
        Assert.Equal(2, chat.Badge("bob"));
        Assert.Empty(chat.State.CaptureMember("bob").PendingReads);
    }

    [Fact]
    public void TheWindow_IsConfigurable()
    {
        var chat = new Chat(new ModelOptions { EarlyReadWindow = TimeSpan.FromSeconds(5) }).Join("alice", "bob").Send("alice", 1);

        chat.At(0).Read("bob", 3).At(4).Send("alice", 2).At(6).Send("alice", 3);

        Assert.Equal(2, chat.Member("bob").PublicWatermark);
    }

    [Fact]
    public void AReportAppliedAfterMessagesBeyondItsWindow_StopsBeforeTheFirstOfThem()
    {
        var chat = new Chat().Join("alice", "bob").At(0).Send("alice", 1).At(50).Send("alice", 2).At(100).Send("alice", 3, 4);

        chat.State.ApplyRead("bob", 4, isPrivate: false, timestampMs: Chat.T0); // a report of t=0 arriving late

        Assert.Equal(2, chat.Member("bob").PublicWatermark);
    }

    [Fact]
    public void AReportWhoseWindowClosedBeforeMessagesLeftTheHotWindow_CoversNothingNew()
    {
        // Times of messages below the hot window are not kept: rather than mark messages that may
        // have arrived after the window (breaking SPEC 2.5), such a late report covers nothing new.
        var chat = new Chat(new ModelOptions { HotWindowSize = 2 }).Join("alice", "bob");
        for (int seq = 1; seq <= 5; seq++)
        {
            chat.At(seq * 100).Send(seq, "alice");
        }

        chat.State.ApplyRead("bob", 5, isPrivate: false, timestampMs: Chat.T0 + 150_000);

        Assert.Equal(0, chat.Member("bob").PublicWatermark);
    }

    [Fact]
    public void PendingReads_KeepAtMostTheConfiguredNumber_DroppingTheOneWhoseWindowClosesFirst()
    {
        var chat = new Chat(new ModelOptions { MaxPendingReadsPerMember = 2 }).Join("alice", "bob").Send("alice", 1);

        chat.At(1).Read("bob", 10).At(2).Read("bob", 9).At(3).Read("bob", 8); // each reaches less but lasts longer

        Assert.Equal(
            [new PendingRead(8, Chat.T0 + 3000, false), new PendingRead(9, Chat.T0 + 2000, false)],
            chat.State.CaptureMember("bob").PendingReads.OrderBy(p => p.ReadSeq));
    }

    [Fact]
    public void APendingReadDominatedByAnother_IsNotKept()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1);

        chat.At(5).Read("bob", 10).At(3).Read("bob", 8).At(4).ReadPrivately("bob", 9);

        Assert.Equal([new PendingRead(10, Chat.T0 + 5000, false)], chat.State.CaptureMember("bob").PendingReads);
    }

    [Fact]
    public void AMessageArrivingLate_BelowTheLastSeq_IsCoveredByAWatermarkAboveIt()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 3).Read("bob", 3);

        chat.Send("alice", 2);

        Assert.Equal(new ReceiptCounts(1, 1), chat.Receipt(2));
        Assert.Equal(0, chat.Badge("bob"));
    }
}
