using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StreamRead.Redis.Serving;

namespace StreamRead.Api.Endpoints;

/// <summary><c>GET /v1/conversations/{c}/messages/{seq}/readers?state=read|unread&amp;limit=&amp;cursor=</c> (SPEC 4).</summary>
internal static class ReadersEndpoints
{
    public static void MapReaders(this RouteGroupBuilder v1) =>
        v1.MapGet("/conversations/{conversationId}/messages/{seq}/readers", GetReadersAsync)
            .WithName("GetReaders")
            .WithTags("Receipts")
            .WithSummary("Who read (or has not read) one message, a page at a time")
            .WithDescription(
                "state=read (default) lists eligible members whose public watermark reaches the message; state=unread the eligible members " +
                "whose public watermark is below it. readSeq is the member's public watermark: private reads never appear (SPEC 2.6). " +
                "limit: 1 to 1000 (default 100). Pass nextCursor back as cursor for the next page; it is null on the last page. " +
                "A page may hold fewer than limit users while nextCursor is not null (each page examines a bounded number of members).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ReadersPage>, ProblemHttpResult>> GetReadersAsync(
        string conversationId, string seq, string? state, string? limit, string? cursor, IReadStateReader reader, CancellationToken cancellationToken)
    {
        var problem = RequestParameters.CheckId("conversationId", conversationId);
        var badSeq = RequestParameters.ParseSeq(seq, out var s);
        var badState = RequestParameters.ParseState(state, out var readerState);
        var badLimit = RequestParameters.ParseLimit(limit, out var pageSize);
        if ((problem ?? badSeq ?? badState ?? badLimit) is { } first)
        {
            return ApiProblems.BadRequest(first);
        }

        Lookup<ReadersPage> page;
        try
        {
            page = await reader.GetReadersAsync(conversationId, s, readerState, pageSize, string.IsNullOrEmpty(cursor) ? null : cursor, cancellationToken);
        }
        catch (ArgumentException e) when (e.ParamName == "cursor")
        {
            return ApiProblems.BadRequest("cursor is malformed: pass the nextCursor of the previous page verbatim, or omit it for the first page");
        }

        return page.Found ? TypedResults.Ok(page.Value) : ApiProblems.NotFound(page.NotFoundReason!);
    }
}
