using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace StreamRead.Api;

/// <summary>
/// Every error of the API is an RFC 9457 (formerly 7807) problem, <c>application/problem+json</c>:
/// <c>{"type","title","status","detail"}</c>, where <c>detail</c> says what is wrong and what to do.
/// </summary>
internal static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    /// <summary>Problems the framework writes (unknown route, wrong method, unhandled error) also say what to do.</summary>
    public static void AddMissingDetail(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => $"no endpoint at {request.Path}: the endpoints are listed in /openapi/v1.json",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not supported at {request.Path}: the API is read-only (GET)",
            >= 500 => "an unexpected error occurred: the server log has the details (search for the traceId)",
            _ => null,
        };
    }

    /// <summary>Writes a problem outside an endpoint (authentication challenge, SSE filter errors).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
