using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamRead.Kafka.Configuration;
using StreamRead.Redis.Serving;
using StreamRead.Redis.Sink;
using StreamRead.Runtime;
using StreamRead.Runtime.Control;
using StreamRead.Runtime.Hosting;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Redis.Hosting;

/// <summary>Wiring of the Redis edge: the connection (section <c>Redis</c>), the reader, and the sink service.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>The connection and the <see cref="IReadStateReader"/> the API answers from.</summary>
    public static IServiceCollection AddStreamReadRedis(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var configuration = ConfigurationOptions.Parse(options.Configuration);
            // Keep retrying in the background instead of failing the process when Redis is down.
            configuration.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(configuration);
        });
        services.TryAddSingleton<IReadStateReader>(sp =>
            new RedisReadStateReader(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        return services;
    }

    /// <summary>The sink that consumes <c>streamread.receipts</c> into Redis (section <c>RedisSink</c>).</summary>
    public static IServiceCollection AddStreamReadRedisSink(this IServiceCollection services)
    {
        services.AddStreamReadRedis();
        services.AddStreamReadKafka();
        services.AddStreamReadMetrics();
        services.AddOptions<RedisSinkOptions>().BindConfiguration(RedisSinkOptions.SectionName);
        services.TryAddSingleton(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var sink = sp.GetRequiredService<IOptions<RedisSinkOptions>>().Value;
            return new ServingRebuildRequester(sp.GetRequiredService<KafkaClientConfigFactory>(), new TopicSet(sink.TopicPrefix),
                "redis", $"{redis.KeyPrefix}@{Environment.MachineName}", sp.GetRequiredService<StreamReadMetrics>());
        });
        services.TryAddSingleton(sp => new ServingStoreGuard(
            sp.GetRequiredService<IConnectionMultiplexer>(), new RedisKeys(sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix),
            sp.GetRequiredService<ServingRebuildRequester>().RequestAsync, sp.GetRequiredService<ILogger<ServingStoreGuard>>()));
        services.TryAddSingleton(sp => new RedisReceiptWriter(
            sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<RedisOptions>>().Value, sp.GetRequiredService<ServingStoreGuard>()));
        services.AddHostedService<RedisSinkService>();
        return services;
    }
}
