using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamRead.Runtime.Metrics;

namespace StreamRead.Runtime.Hosting;

/// <summary>Registers the one <see cref="StreamReadMetrics"/> of a process.</summary>
public static class StreamReadMetricsRegistration
{
    public static IServiceCollection AddStreamReadMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(sp => new StreamReadMetrics(sp.GetService<IMeterFactory>()));
        return services;
    }
}
