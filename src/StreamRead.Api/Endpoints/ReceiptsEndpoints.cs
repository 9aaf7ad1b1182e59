using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StreamRead.Redis.Serving;

namespace StreamRead.Api.Endpoints;

/// <summary><c>GET /v1/conversations/{c}/messages/{seq}/receipt</c> (SPEC 4).</summary>
internal static class ReceiptsEndpoints
{
    public static void MapReceipts(this RouteGroupBuilder v1) =>
        v1.MapGet("/conversations/{conversationId}/messages/{seq}/receipt", GetReceiptAsync)
            .WithName("GetReceipt")
            .WithTags("Receipts")
            .WithSummary("Read counts of one message")
            .WithDescription(
                "read: eligible members whose public watermark reaches the message; unread = eligible - read; eligible: members who " +
                "joined before it, are still members and did not send it (SPEC 2.3). Private reads never count. Every known message " +
                "is answerable whatever its age. 404 for an unknown conversation or a seq that is not a known message (a gap, beyond the last).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ReceiptView>, ProblemHttpResult>> GetReceiptAsync(
        string conversationId, string seq, IReadStateReader reader, CancellationToken cancellationToken)
    {
        if (RequestParameters.CheckId("conversationId", conversationId) is { } badId)
        {
            return ApiProblems.BadRequest(badId);
        }

        if (RequestParameters.ParseSeq(seq, out var s) is { } badSeq)
        {
            return ApiProblems.BadRequest(badSeq);
        }

        var receipt = await reader.GetReceiptAsync(conversationId, s, cancellationToken);
        return receipt.Found ? TypedResults.Ok(receipt.Value) : ApiProblems.NotFound(receipt.NotFoundReason!);
    }
}
