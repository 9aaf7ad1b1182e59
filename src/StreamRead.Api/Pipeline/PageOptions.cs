namespace StreamRead.Api.Pipeline;

/// <summary>
/// What the live page at <c>/</c> shows when its URL does not say (configuration section
/// <c>Api:Page</c>); <c>streamread up</c> sets it to the demo workload's showcase.
/// </summary>
public sealed class PageOptions
{
    public const string SectionName = "Api:Page";

    /// <summary>Conversations to show; the most recently active ones when empty.</summary>
    public List<string> ConversationIds { get; set; } = [];

    /// <summary>The user whose badges to show; a recent sender when empty.</summary>
    public string? UserId { get; set; }
}
