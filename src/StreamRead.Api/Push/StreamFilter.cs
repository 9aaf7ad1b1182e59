namespace StreamRead.Api.Push;

/// <summary>
/// What one <c>/v1/stream</c> delivers: receipt events of <see cref="ConversationIds"/> and badge
/// events of <see cref="UserIds"/> (the union when both are given).
/// </summary>
internal sealed record StreamFilter(IReadOnlyList<string> ConversationIds, IReadOnlyList<string> UserIds);
