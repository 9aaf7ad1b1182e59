using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using StackExchange.Redis;
using StreamRead.Analytics.Hosting;
using StreamRead.Api.Auth;
using StreamRead.Api.Pipeline;
using StreamRead.Api.Push;
using StreamRead.Kafka.Configuration;
using StreamRead.Redis;
using StreamRead.Redis.Hosting;
using StreamRead.Redis.Serving;
using StreamRead.Runtime.Hosting;
using StreamRead.Runtime.Kafka;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Api.Hosting;

/// <summary>Registers the API: sections <c>Api:Auth</c>, <c>Api:Push</c>, <c>Api:Page</c>, plus <c>Redis</c> and <c>Kafka</c>.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// The Redis reader, bearer-key authentication, OpenAPI, health checks, the Prometheus exporter
    /// (meter StreamRead), the push hub with its receipts consumer, and the pipeline monitor.
    /// </summary>
    public static IServiceCollection AddStreamReadApi(this IServiceCollection services)
    {
        services.AddStreamReadRedis();
        services.AddStreamReadAnalytics();
        services.AddStreamReadKafka();
        services.AddStreamReadMetrics();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<ApiAuthOptions>().BindConfiguration(ApiAuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiAuthOptions>, ApiAuthOptionsValidator>());
        services.AddOptions<PushOptions>().BindConfiguration(PushOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero, "Api:Push:HeartbeatInterval must be positive")
            .Validate(o => o.ReconcileDelay > TimeSpan.Zero && o.ReconcileInterval > TimeSpan.Zero, "Api:Push:ReconcileDelay and ReconcileInterval must be positive")
            .Validate(o => o.FetchWait > TimeSpan.Zero, "Api:Push:FetchWait must be positive")
            .ValidateOnStart();
        services.AddOptions<PageOptions>().BindConfiguration(PageOptions.SectionName);

        services.AddRouting();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.AddMissingDetail);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        // The core services only: bearer keys need no cookies, so no data-protection key ring.
        services.AddAuthenticationCore(o =>
        {
            o.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, displayName: null);
            o.DefaultScheme = ApiKeyAuthenticationHandler.SchemeName;
        });
        services.AddWebEncoders();
        services.AddOptions<AuthenticationSchemeOptions>(ApiKeyAuthenticationHandler.SchemeName);
        services.AddAuthorization();
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(StreamReadMetrics.MeterName)
            .AddPrometheusExporter());

        services.TryAddSingleton<PushMetrics>();
        services.TryAddSingleton<IPushSnapshotSource>(sp => new PushSnapshotReader(
            sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<RedisOptions>>().Value, sp.GetRequiredService<IReadStateReader>()));
        services.TryAddSingleton<PushHub>();
        services.AddHostedService<ReceiptPushConsumer>();
        services.TryAddSingleton(sp => new PipelineMonitor(
            sp.GetRequiredService<StreamReadMetrics>(), sp.GetRequiredService<PushHub>(), sp.GetRequiredService<IOptions<PageOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ProcessorStatus>()));
        services.AddHostedService(sp => sp.GetRequiredService<PipelineMonitor>());
        return services;
    }
}
