using Microsoft.Extensions.DependencyInjection;
using StreamRead.Kafka.Configuration;
using StreamRead.Runtime.Kafka;

namespace StreamRead.Runtime.Hosting;

/// <summary>Wiring of the processor: options from section <c>Processor</c>, Kafka from <c>Kafka</c>.</summary>
public static class ProcessorServiceCollectionExtensions
{
    public static IServiceCollection AddStreamReadProcessor(this IServiceCollection services)
    {
        services.AddStreamReadKafka();
        services.AddStreamReadMetrics();
        services.AddOptions<ProcessorOptions>()
            .BindConfiguration(ProcessorOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.MaxBatchDelay > TimeSpan.Zero, "Processor:MaxBatchDelay must be positive")
            .Validate(o => o.EarlyReadWindow > TimeSpan.Zero, "Processor:EarlyReadWindow must be positive")
            .Validate(o => o.MaxTaskIdle >= TimeSpan.Zero, "Processor:MaxTaskIdle must not be negative")
            .ValidateOnStart();
        services.AddSingleton<ProcessorStatus>();
        services.AddHostedService<ProcessorService>();
        return services;
    }
}
