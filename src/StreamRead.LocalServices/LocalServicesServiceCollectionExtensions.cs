using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StreamRead.LocalServices;

/// <summary>Registers the local servers with a Generic Host.</summary>
public static class LocalServicesServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LocalServicesOptions"/> to the <c>LocalServices</c> section, registers
    /// <see cref="LocalRedisServer"/> and <see cref="LocalClickHouseServer"/> as singletons, and a
    /// hosted service that starts the enabled ones with the host and stops them with it.
    /// Call it before registering services that need the servers: hosted services start in order.
    /// </summary>
    public static IServiceCollection AddStreamReadLocalServices(this IServiceCollection services)
    {
        services.AddOptions<LocalServicesOptions>().BindConfiguration(LocalServicesOptions.SectionName);
        services.AddSingleton(sp => new LocalRedisServer(
            sp.GetRequiredService<IOptions<LocalServicesOptions>>().Value, sp.GetService<ILogger<LocalRedisServer>>()));
        services.AddSingleton(sp => new LocalClickHouseServer(
            sp.GetRequiredService<IOptions<LocalServicesOptions>>().Value, sp.GetService<ILogger<LocalClickHouseServer>>()));
        services.AddHostedService<LocalServicesHostedService>();
        return services;
    }
}
