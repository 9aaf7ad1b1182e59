using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamRead.Analytics.Web;
using StreamRead.Api.Auth;
using StreamRead.Api.Endpoints;

namespace StreamRead.Api.Hosting;

/// <summary>The API's middleware and endpoints: the table of contents of what the process serves.</summary>
public static class ApiApplicationExtensions
{
    /// <summary>Problem+json errors, authentication, the /v1 endpoints, /analytics, /openapi/v1.json, /health, /metrics and the live page at /.</summary>
    public static WebApplication MapStreamReadApi(this WebApplication app)
    {
        // Unhandled errors and empty 4xx answers (unknown route, wrong method) become problem+json too.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        var v1 = app.MapGroup("/v1");
        if (app.Services.GetRequiredService<IOptions<ApiAuthOptions>>().Value.Enabled)
        {
            v1.RequireAuthorization();
        }

        v1.MapReceipts();
        v1.MapReaders();
        v1.MapUnread();
        v1.MapStream();
        v1.MapPipeline();

        // The read-analytics dashboards (ClickHouse): private data too, behind the same keys.
        var analytics = app.MapStreamReadAnalytics();
        if (app.Services.GetRequiredService<IOptions<ApiAuthOptions>>().Value.Enabled)
        {
            analytics.RequireAuthorization();
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapLivePage();
        return app;
    }
}
