using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StreamRead.Analytics.Queries;
using StreamRead.Analytics.Sink;
using StreamRead.ClickHouse;
using StreamRead.Kafka.Configuration;
using StreamRead.Runtime.Hosting;

namespace StreamRead.Analytics.Hosting;

/// <summary>Wiring of the analytics edge: the ClickHouse sink and the dashboard queries.</summary>
public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>
    /// The sink that consumes <c>streamread.analytics</c> into ClickHouse (section <c>ClickHouseSink</c>;
    /// ClickHouse from section <c>ClickHouse</c>), applying the schema migrations when it starts.
    /// </summary>
    public static IServiceCollection AddStreamReadClickHouseSink(this IServiceCollection services)
    {
        services.AddStreamReadClickHouse();
        QuietRequestLogs(services);
        services.AddStreamReadKafka();
        services.AddStreamReadMetrics();
        services.AddOptions<ClickHouseSinkOptions>()
            .BindConfiguration(ClickHouseSinkOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.GroupId), "ClickHouseSink:GroupId must name a consumer group, e.g. streamread-sink-clickhouse")
            .Validate(o => o.MaxBatchRecords is >= 1 and <= 1_000_000, "ClickHouseSink:MaxBatchRecords must be between 1 and 1000000")
            .Validate(o => o.MaxBatchDelay > TimeSpan.Zero, "ClickHouseSink:MaxBatchDelay must be positive, e.g. 00:00:01")
            .Validate(o => o.RetryBackoff > TimeSpan.Zero && o.MaxRetryBackoff >= o.RetryBackoff,
                "ClickHouseSink:RetryBackoff must be positive and at most ClickHouseSink:MaxRetryBackoff")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new ClickHouseAnalyticsWriter(
            sp.GetRequiredService<ClickHouseClient>(), sp.GetService<ILogger<ClickHouseAnalyticsWriter>>()));
        services.AddHostedService<ClickHouseSinkService>();
        return services;
    }

    /// <summary>
    /// The <see cref="AnalyticsReader"/> that runs <see cref="AnalyticsQueries"/> against ClickHouse
    /// (section <c>ClickHouse</c>): what <c>MapStreamReadAnalytics()</c> and the report use.
    /// </summary>
    public static IServiceCollection AddStreamReadAnalytics(this IServiceCollection services)
    {
        services.AddStreamReadClickHouse();
        QuietRequestLogs(services);
        services.TryAddTransient(sp => new AnalyticsReader(sp.GetRequiredService<ClickHouseClient>()));
        return services;
    }

    // HttpClientFactory logs every request at Information: several lines per sink batch and per
    // dashboard query. Warnings and errors still show; the sink logs its own retries.
    private static void QuietRequestLogs(IServiceCollection services) =>
        services.AddLogging(logging => logging.AddFilter("System.Net.Http.HttpClient.ClickHouseClient", LogLevel.Warning));
}
