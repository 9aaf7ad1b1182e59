using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Rules;

/// <summary>SPEC 2.4: the badge counts known messages above the own read position that the user can read.</summary>
public sealed class UnreadBadgeTests
{
    [Fact]
    public void TheBadge_CountsKnownMessagesAboveTheOwnPosition_AndSeqGapsNeverCount()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 5, 9);

        chat.Read("bob", 2);

        Assert.Equal(2, chat.Badge("bob")); // 5 and 9; 3, 4, 6, 7, 8 are gaps
        Assert.Equal(2, chat.Member("bob").Unread);
    }

    [Fact]
    public void TheBadge_NeverCountsTheUsersOwnMessages()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2, 3);
        Assert.Equal(0, chat.Badge("alice"));
        Assert.Equal(3, chat.Badge("bob"));

        chat.Send(4, "bob").Send(5, "alice").Send(6, "alice");

        Assert.Equal(0, chat.Badge("alice"));
        Assert.Equal(2, chat.Badge("bob")); // 5 and 6; bob's own 4 and the three before it are read by replying
    }

    [Fact]
    public void TheBadge_CountsOnlyMessagesAfterTheEligibilityPoint()
    {
        var chat = new Chat().Join("alice").Send("alice", 1, 2, 3).Join("bob", afterSeq: 3).Send("alice", 4, 5);

        Assert.Equal(2, chat.Badge("bob"));
    }

    [Fact]
    public void TheBadge_IsZeroForNonMembersAndUnknownUsers()
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1, 2).At(1).Leave("bob");

        Assert.Equal(0, chat.Badge("bob"));
        Assert.Equal(0, chat.Badge("nobody"));
        Assert.Null(chat.State.GetMember("nobody"));
    }
}
