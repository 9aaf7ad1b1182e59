using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Configuration;

/// <summary>
/// Bad input is dead-lettered before the model (SPEC 1); if it gets here anyway it is refused with a
/// clear error and changes nothing, never half-applied.
/// </summary>
public sealed class InputValidationTests
{
    public static TheoryData<Action<ConversationState>, string> BadRecords => new()
    {
        { s => s.ApplyMessage(0, "alice", false, 0, 0), "seq" },
        { s => s.ApplyMessage(1, "", false, 0, 0), "senderId" },
        { s => s.ApplyRead("bob", -1, false, 0), "readSeq" },
        { s => s.ApplyRead("", 1, false, 0), "userId" },
        { s => s.ApplyMembership("bob", true, 0, -1, 0), "afterSeq" },
        { s => s.ApplyMembership(null!, true, 0, 0, 0), "userId" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void ABadRecord_IsRefusedByParameter_AndChangesNothing(Action<ConversationState> apply, string parameter)
    {
        var chat = new Chat().Join("alice", "bob").Send("alice", 1);
        chat.State.DrainChanges();

        var error = Assert.ThrowsAny<ArgumentException>(() => apply(chat.State));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains("dead-letter", error.Message);
        Assert.False(chat.State.HasChanges);
    }

    [Fact]
    public void AConversationNeedsAnId()
    {
        Assert.ThrowsAny<ArgumentException>(() => new ConversationState("", new ModelOptions()));
    }
}
