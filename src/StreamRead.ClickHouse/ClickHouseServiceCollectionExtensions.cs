using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamRead.ClickHouse.Migrations;

namespace StreamRead.ClickHouse;

/// <summary>Registers the ClickHouse client with a Generic Host.</summary>
public static class ClickHouseServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ClickHouseOptions"/> to the <c>ClickHouse</c> section (validated at start) and
    /// registers <see cref="ClickHouseClient"/> as a typed HttpClient and <see cref="ClickHouseMigrator"/>.
    /// </summary>
    public static IServiceCollection AddStreamReadClickHouse(this IServiceCollection services)
    {
        services.AddOptions<ClickHouseOptions>().BindConfiguration(ClickHouseOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClickHouseOptions>, ClickHouseOptionsValidator>());

        services.AddHttpClient(nameof(ClickHouseClient))
            .AddTypedClient((http, sp) =>
            {
                // The client applies ClickHouseOptions.Timeout per request; HttpClient's own must not cut it shorter.
                http.Timeout = Timeout.InfiniteTimeSpan;
                return new ClickHouseClient(http, sp.GetRequiredService<IOptions<ClickHouseOptions>>().Value);
            })
            // Drop idle connections before the server does (keep_alive_timeout: 3 s in the local config,
            // 10 s or more elsewhere), so a request never races a connection the server is closing.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) });
        services.AddTransient(sp => new ClickHouseMigrator(
            sp.GetRequiredService<ClickHouseClient>(), sp.GetService<ILogger<ClickHouseMigrator>>()));
        return services;
    }
}
