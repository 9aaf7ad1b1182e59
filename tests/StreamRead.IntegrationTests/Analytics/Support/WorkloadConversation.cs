using StreamRead.Contracts.Events;

namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>One conversation of a <see cref="ReadWorkload"/>.</summary>
internal sealed record WorkloadConversation(string Id, ConversationKind Kind, string[] Members, int Messages, int ReadsPerMember);
