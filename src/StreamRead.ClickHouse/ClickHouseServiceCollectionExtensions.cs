using Microsoft.Extensions.DependencyInjection;
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
        services.AddOptions<ClickHouseOptions>()
            .BindConfiguration(ClickHouseOptions.SectionName)
            .Validate(o => o.Validate().Count == 0, "the ClickHouse section is invalid: see ClickHouseOptions.Validate")
            .ValidateOnStart();
        services.AddHttpClient(nameof(ClickHouseClient)).AddTypedClient((http, sp) =>
        {
            var options = sp.GetRequiredService<IOptions<ClickHouseOptions>>().Value;
            // The client applies ClickHouseOptions.Timeout per request; HttpClient's own must not cut it shorter.
            http.Timeout = Timeout.InfiniteTimeSpan;
            return new ClickHouseClient(http, options);
        });
        services.AddTransient(sp => new ClickHouseMigrator(
            sp.GetRequiredService<ClickHouseClient>(), sp.GetService<ILogger<ClickHouseMigrator>>()));
        return services;
    }
}
