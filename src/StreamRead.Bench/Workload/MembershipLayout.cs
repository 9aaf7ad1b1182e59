using System.Globalization;

namespace StreamRead.Bench.Workload;

/// <summary>
/// Who is in which conversation for the state scenarios: <c>conversations</c> groups of
/// <c>members</c>, drawn from a population where every user is in 10 conversations (a user's
/// chats overlap, as in a real chat system, so user ids repeat across conversations).
/// </summary>
internal sealed class MembershipLayout(int conversations, int members)
{
    public const int ConversationsPerUser = 10;

    public int Conversations => conversations;

    public int Members => members;

    public long Watermarks => (long)conversations * members;

    public int Population => Math.Max(members, conversations * members / ConversationsPerUser);

    public string ConversationId(int c) => string.Create(CultureInfo.InvariantCulture, $"conv-{c:D6}");

    /// <summary>A new string on every call, as parsing a record produces one.</summary>
    public string UserId(int c, int m) => string.Create(CultureInfo.InvariantCulture, $"user-{((long)c * members + m) % Population:D7}");
}
