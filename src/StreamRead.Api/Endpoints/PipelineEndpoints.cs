using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StreamRead.Api.Pipeline;

namespace StreamRead.Api.Endpoints;

/// <summary><c>GET /v1/pipeline</c>: throughput and lag for the live page (not part of SPEC 4; /metrics has the full set).</summary>
internal static class PipelineEndpoints
{
    public static void MapPipeline(this RouteGroupBuilder v1) =>
        v1.MapGet("/pipeline", (PipelineMonitor monitor) => TypedResults.Ok(monitor.Current()))
            .WithName("GetPipeline")
            .WithTags("Operations")
            .WithSummary("Pipeline throughput and lag as this process sees them, and the live page's defaults");
}
