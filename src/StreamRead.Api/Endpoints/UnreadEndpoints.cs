using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StreamRead.Redis.Serving;

namespace StreamRead.Api.Endpoints;

/// <summary><c>GET /v1/users/{u}/unread</c> (SPEC 4).</summary>
internal static class UnreadEndpoints
{
    public static void MapUnread(this RouteGroupBuilder v1) =>
        v1.MapGet("/users/{userId}/unread", GetUnreadAsync)
            .WithName("GetUnread")
            .WithTags("Badges")
            .WithSummary("A user's unread badges: per conversation and in total")
            .WithDescription(
                "unread: known messages after the user's own read position that the user is eligible for (SPEC 2.4); readSeq: the user's " +
                "own read position, private reads included (SPEC 2.6); lastSeq: the conversation's last message seq. Conversations the " +
                "user left are not listed. 404 for a user StreamRead has never seen.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<UserUnread>, ProblemHttpResult>> GetUnreadAsync(
        string userId, IReadStateReader reader, CancellationToken cancellationToken)
    {
        if (RequestParameters.CheckId("userId", userId) is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }

        var unread = await reader.GetUnreadAsync(userId, cancellationToken);
        return unread.Found ? TypedResults.Ok(unread.Value) : ApiProblems.NotFound(unread.NotFoundReason!);
    }
}
