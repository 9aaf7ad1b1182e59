using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamRead.Kafka.Configuration;

namespace StreamRead.LoadGen.Hosting;

/// <summary>Registers the demo workload (section <c>LoadGen</c>), producing through the gateway producer (section <c>Kafka</c>).</summary>
public static class LoadGenServiceCollectionExtensions
{
    public static IServiceCollection AddStreamReadLoadGen(this IServiceCollection services)
    {
        services.AddStreamReadKafka();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LoadGenOptions>().BindConfiguration(LoadGenOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Users >= o.LargestGroup, "LoadGen:Users must be at least LoadGen:LargestGroup (each member of the largest group is a distinct user)")
            .Validate(o => o.ProgressInterval > TimeSpan.Zero, "LoadGen:ProgressInterval must be positive")
            .Validate(o => o.Duration is null || o.Duration > TimeSpan.Zero, "LoadGen:Duration must be positive when set")
            .ValidateOnStart();
        services.AddHostedService<LoadGenService>();
        return services;
    }
}
