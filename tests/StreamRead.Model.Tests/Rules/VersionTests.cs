using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Rules;

/// <summary>SPEC 2.7: every output carries absolute values and a version that counts applied records.</summary>
public sealed class VersionTests
{
    [Fact]
    public void TheVersion_CountsEveryAppliedRecord_DuplicatesAndStaleEventsIncluded()
    {
        var chat = new Chat().Join("alice", "bob"); // 2
        chat.Send("alice", 1, 1); // 2: the second is a duplicate
        chat.Read("bob", 1).Read("bob", 0); // 2: the second changes nothing
        chat.Join("bob", afterSeq: 0, atSeconds: -5); // 1: stale

        Assert.Equal(7, chat.State.Version);
    }

    [Fact]
    public void ADrain_CarriesTheVersionAndAbsoluteCounts_SoReEmittingIsHarmless()
    {
        var chat = new Chat().Join("alice", "bob", "carol").Send("alice", 1).Read("bob", 1);
        ConversationChanges first = chat.State.DrainChanges();

        chat.Read("carol", 1);
        ConversationChanges second = chat.State.DrainChanges();

        Assert.Equal(5, first.Version);
        Assert.Equal(6, second.Version);
        Assert.Equal([new MessageCounts(1, 1, 2)], first.Counts);
        Assert.Equal([new MessageCounts(1, 2, 2)], second.Counts);
    }

    [Fact]
    public void ARejectedRecord_DoesNotCountAsApplied()
    {
        var chat = new Chat().Send(1, "alice");

        Assert.Throws<ArgumentOutOfRangeException>(() => chat.Send(0, "alice"));

        Assert.Equal(1, chat.State.Version);
    }
}
