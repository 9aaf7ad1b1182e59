using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using StreamRead.Api.Hosting;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread api</c>: the serving HTTP API of SPEC 4 over Redis, the live push over
/// <c>streamread.receipts</c> and the live page, for deployments. Authentication is on: it refuses
/// to start without keys unless <c>--no-auth</c> says so (receipts are private data).
/// </summary>
internal static class ApiCommand
{
    public const string DefaultUrls = "http://0.0.0.0:8080";

    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen, e.g. http://127.0.0.1:8080 (default: Api:Urls, {DefaultUrls})" };
        var noAuth = new Option<bool>("--no-auth") { Description = "Serve without authentication (only behind something that authenticates, or on loopback)" };
        var bootstrap = CommonOptions.BootstrapServers();
        var redis = CommonOptions.Redis();
        var prefix = CommonOptions.TopicPrefix();
        var command = new Command(
            "api",
            "Serve the HTTP API (receipts, readers, unread badges, live SSE stream) from Redis and streamread.receipts. " +
            "Needs API keys: set Api:Auth:Keys (env STREAMREAD_Api__Auth__Keys__0=<key>) or pass --no-auth.")
        {
            urls, noAuth, bootstrap, redis, prefix,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = CommonOptions.Overrides(parse,
                (bootstrap, ["Kafka:BootstrapServers"]),
                (redis, ["Redis:Configuration"]),
                (prefix, ["Api:Push:TopicPrefix"]));
            if (parse.GetValue(noAuth))
            {
                overrides["Api:Auth:Enabled"] = "false";
            }

            var builder = CliHost.CreateWebBuilder(parse, overrides);
            var listen = parse.GetValue(urls) ?? builder.Configuration["Api:Urls"] ?? DefaultUrls;
            builder.WebHost.UseUrls(listen);
            builder.Services.AddStreamReadApi();
            await using var app = builder.Build();
            ServiceHost.Configure(() => app.MapStreamReadApi());
            return await ServiceHost.RunAsync(app, cancellationToken);
        });
        return command;
    }
}
