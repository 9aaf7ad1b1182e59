using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamRead.Api.Hosting;

namespace StreamRead.Cli.Commands;

/// <summary>
/// Builds the Generic Host every long-running command uses, with one configuration story:
/// <c>appsettings.json</c> beside the program, then an optional <c>--config</c> file, then
/// environment variables prefixed <c>STREAMREAD_</c> (sections separated by <c>__</c>, e.g.
/// <c>STREAMREAD_Kafka__BootstrapServers</c>), then command-line overrides.
/// </summary>
internal static class CliHost
{
    /// <summary>A JSON settings file layered over appsettings.json; recursive so every command has it.</summary>
    public static readonly Option<FileInfo?> ConfigOption = new("--config")
    {
        Description = "A JSON settings file layered over the defaults (see appsettings.json for its shape)",
        Recursive = true,
    };

    /// <summary>Creates a host builder; <paramref name="overrides"/> are configuration keys set by command options.</summary>
    public static HostApplicationBuilder CreateBuilder(ParseResult parse, IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        Configure(builder, parse, overrides);
        return builder;
    }

    /// <summary>Creates a web host builder (Kestrel, for the API) with the same configuration story.</summary>
    public static WebApplicationBuilder CreateWebBuilder(ParseResult parse, IDictionary<string, string?>? overrides = null)
    {
        var builder = StreamReadWebApplication.CreateBuilder(AppContext.BaseDirectory);
        Configure(builder, parse, overrides);
        return builder;
    }

    private static void Configure(IHostApplicationBuilder builder, ParseResult parse, IDictionary<string, string?>? overrides)
    {
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        var configFile = parse.GetValue(ConfigOption);
        if (configFile is not null)
        {
            if (!configFile.Exists)
            {
                throw new CliException($"the settings file '{configFile.FullName}' does not exist: check the --config path");
            }

            builder.Configuration.AddJsonFile(configFile.FullName, optional: false);
        }

        builder.Configuration.AddEnvironmentVariables("STREAMREAD_");
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
    }
}
