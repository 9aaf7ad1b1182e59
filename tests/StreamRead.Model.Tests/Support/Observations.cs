using System.Text;
using StreamRead.Model;

namespace StreamRead.Model.Tests.Support;

/// <summary>Canonical text of what a conversation answers, to compare two states or a state and the oracle.</summary>
internal static class Observations
{
    /// <summary>Every query the API serves: conversation facts, every seq's receipt, every user's view.</summary>
    public static string Describe(ConversationState state, IEnumerable<string> users)
    {
        var text = new StringBuilder();
        text.AppendLine($"last={state.LastSeq} known={state.KnownMessageCount} direct={state.IsDirect} members={state.MemberCount}");
        for (long seq = 0; seq <= state.LastSeq + 1; seq++)
        {
            text.AppendLine($"  seq {seq}: known={state.IsKnownMessage(seq)} receipt={state.GetReceipt(seq)}");
        }

        foreach (string user in users.Order(StringComparer.Ordinal))
        {
            text.AppendLine($"  {user}: {state.GetMember(user)} badge={state.GetUnreadCount(user)}");
        }

        return text.ToString();
    }

    /// <summary>Every user's complete state (pending reads included) except its first-seen ordinal.</summary>
    public static string DescribeMembers(ConversationState state) =>
        string.Join(
            Environment.NewLine,
            state.Members.Select(m => state.CaptureMember(m.UserId))
                .OrderBy(s => s.UserId, StringComparer.Ordinal)
                .Select(s => $"{s with { Ordinal = 0 }} pending=[{string.Join(", ", s.PendingReads)}]"));

    /// <summary>The same queries answered by the oracle.</summary>
    public static string Describe(ReferenceModel reference, IEnumerable<string> users)
    {
        var text = new StringBuilder();
        text.AppendLine($"last={reference.LastSeq} known={reference.Messages.Count()} direct={reference.IsDirect} members={reference.MemberCount}");
        for (long seq = 0; seq <= reference.LastSeq + 1; seq++)
        {
            text.AppendLine($"  seq {seq}: known={reference.IsKnown(seq)} receipt={reference.Receipt(seq)}");
        }

        foreach (string user in users.Order(StringComparer.Ordinal))
        {
            text.AppendLine($"  {user}: {reference.Member(user)} badge={reference.Unread(user)}");
        }

        return text.ToString();
    }

    /// <summary>Users u0..u7 plus one never seen: covers every generated user.</summary>
    public static IEnumerable<string> AllUsers => Enumerable.Range(0, 8).Select(i => $"u{i}").Append("never-seen");

    /// <summary>Applies <paramref name="events"/> to a new state and to the oracle.</summary>
    public static (ConversationState State, ReferenceModel Reference) Replay(IEnumerable<HistoryEvent> events, HistorySettings settings)
    {
        var state = new ConversationState("c", settings.ToOptions());
        var reference = new ReferenceModel(settings.WindowMs);
        foreach (HistoryEvent e in events)
        {
            e.ApplyTo(state);
            reference.Apply(e);
        }

        return (state, reference);
    }
}
