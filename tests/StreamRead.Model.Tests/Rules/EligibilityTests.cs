using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Rules;

/// <summary>SPEC 2.2: who can read a message: members who joined before it, still members, not its sender.</summary>
public sealed class EligibilityTests
{
    [Fact]
    public void AUserFirstSeenThroughARead_IsAMemberSinceTheBeginning()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3);

        chat.Read("carol", 1);

        Assert.Equal(new MemberView("carol", true, 0, 1, 1, 2), chat.Member("carol"));
        Assert.Equal(new ReceiptCounts(1, 2), chat.Receipt(1));
        Assert.Equal(new ReceiptCounts(0, 2), chat.Receipt(3));
    }

    [Fact]
    public void AUserFirstSeenThroughASend_IsAMemberSinceTheBeginning()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2);

        chat.Send(3, "carol");

        Assert.True(chat.Member("carol").IsMember);
        Assert.Equal(new ReceiptCounts(1, 2), chat.Receipt(2)); // carol, who replied, read it; bob did not
        Assert.Equal(new ReceiptCounts(0, 2), chat.Receipt(3));
    }

    [Fact]
    public void AJoin_MakesTheMemberEligibleOnlyForMessagesAfterItsAfterSeq()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2);

        chat.Join("carol", afterSeq: 2).Send("alice", 3);

        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(2));
        Assert.Equal(new ReceiptCounts(0, 2), chat.Receipt(3));
        Assert.Equal(1, chat.Badge("carol"));
    }

    [Fact]
    public void AnAbsentAfterSeq_IsTheLastSeqKnownWhenApplied_AndARedeliveryDoesNotMoveIt()
    {
        var chat = new Chat().Join("alice").Send("alice", 1, 2, 3, 4);

        chat.At(10).Join("bob", afterSeq: null).Send("alice", 5);
        chat.State.ApplyMembership("bob", joined: true, Chat.T0 + 10_000, afterSeq: null, Chat.T0 + 20_000); // redelivered

        Assert.Equal(4, chat.Member("bob").AfterSeq);
        Assert.Equal(new ReceiptCounts(0, 0), chat.Receipt(4));
        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(5));
    }

    [Fact]
    public void ALeave_StopsTheMemberCountingEverywhere()
    {
        var chat = new Chat().Join("alice", "bob", "carol").Send("alice", 1, 2, 3).Read("carol", 2);

        chat.At(5).Leave("carol");

        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(2));
        Assert.Equal(0, chat.Badge("carol"));
        Assert.Equal(2, chat.State.MemberCount);
        Assert.False(chat.Member("carol").IsMember);
    }

    [Fact]
    public void AStaleDeviceAfterLeaving_RaisesTheWatermarkButDoesNotReAddTheMember()
    {
        var chat = new Chat().Join("alice", "bob", "carol").Send("alice", 1, 2, 3).At(5).Leave("carol");

        chat.At(6).Read("carol", 3).Send(4, "carol");

        MemberView carol = chat.Member("carol");
        Assert.False(carol.IsMember);
        Assert.Equal(4, carol.PublicWatermark);
        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(3));
        Assert.Equal(new ReceiptCounts(0, 2), chat.Receipt(4)); // sent by a non-member: alice and bob can read it
        Assert.Equal(2, chat.State.MemberCount);
    }

    [Fact]
    public void ARejoin_RestartsEligibility_ButKeepsTheWatermark()
    {
        var chat = new Chat().Join("alice", "carol").Send("alice", 1, 2, 3).Read("carol", 3).At(5).Leave("carol");
        chat.At(6).Send("alice", 4, 5, 6);

        chat.At(7).Join("carol", afterSeq: 2);

        MemberView carol = chat.Member("carol");
        Assert.Equal((true, 2L, 3L), (carol.IsMember, carol.AfterSeq, carol.PublicWatermark));
        Assert.Equal(new ReceiptCounts(0, 0), chat.Receipt(2)); // before carol's new eligibility point
        Assert.Equal(new ReceiptCounts(1, 1), chat.Receipt(3)); // her surviving watermark covers it
        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(6));
        Assert.Equal(3, chat.Badge("carol"));
    }

    [Fact]
    public void AJoinForAnExistingMember_MovesTheEligibilityPoint()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3, 4);

        chat.At(10).Join("bob", afterSeq: 3);

        Assert.Equal(3, chat.Member("bob").AfterSeq);
        Assert.Equal(new ReceiptCounts(0, 0), chat.Receipt(3));
        Assert.Equal(new ReceiptCounts(0, 1), chat.Receipt(4));
        Assert.Equal(1, chat.Badge("bob"));
    }

    [Fact]
    public void Membership_IsLastWriterWinsByEventTime_WhateverTheArrivalOrder()
    {
        var leaveThenLateJoin = new Chat().Join("alice").Send("alice", 1).Leave("bob", atSeconds: 10).Join("bob", afterSeq: 0, atSeconds: 5);
        var joinThenLeave = new Chat().Join("alice").Send("alice", 1).Join("bob", afterSeq: 0, atSeconds: 5).Leave("bob", atSeconds: 10);

        Assert.False(leaveThenLateJoin.Member("bob").IsMember);
        Assert.Equal(joinThenLeave.Member("bob"), leaveThenLateJoin.Member("bob"));
    }

    [Fact]
    public void AtTheSameTime_JoinedWinsOverLeft_AndTheHighestAfterSeqWins()
    {
        var one = new Chat().Join("alice").Send("alice", 1, 2, 3)
            .Join("bob", afterSeq: 1, atSeconds: 9).Leave("bob", atSeconds: 9).Join("bob", afterSeq: 2, atSeconds: 9);
        var other = new Chat().Join("alice").Send("alice", 1, 2, 3)
            .Join("bob", afterSeq: 2, atSeconds: 9).Join("bob", afterSeq: 1, atSeconds: 9).Leave("bob", atSeconds: 9);

        Assert.Equal(new MemberView("bob", true, 2, 0, 0, 1), one.Member("bob"));
        Assert.Equal(one.Member("bob"), other.Member("bob"));
    }

    [Fact]
    public void AnyExplicitEvent_WinsOverImplicitMembership()
    {
        var chat = new Chat().Join("alice").Send("alice", 1, 2).Read("bob", 1);

        chat.Leave("bob", atSeconds: -1_000_000); // even a very old leave

        Assert.False(chat.Member("bob").IsMember);
    }
}
