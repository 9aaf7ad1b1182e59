using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamRead.Api.Hosting;
using StreamRead.Api.Push;

namespace StreamRead.Api.Tests.Fixtures;

/// <summary>
/// The API as the CLI hosts it (<see cref="StreamReadWebApplication"/>, <c>AddStreamReadApi</c>,
/// <c>MapStreamReadApi</c>) on Kestrel at a free loopback port, with an <see cref="HttpClient"/> for it.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private ApiHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="settings">Configuration keys (Redis:Configuration, Api:Auth:Enabled, ...).</param>
    /// <param name="configure">Adds services before the API (the processor, the sink), or replaces some.</param>
    /// <param name="pushConsumer">Whether to consume streamread.receipts (needs Kafka:BootstrapServers).</param>
    public static async Task<ApiHost> StartAsync(
        IDictionary<string, string?> settings,
        Action<IServiceCollection>? configure = null,
        bool pushConsumer = false,
        CancellationToken cancellationToken = default)
    {
        var builder = StreamReadWebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        configure?.Invoke(builder.Services);
        builder.Services.AddStreamReadApi();
        if (!pushConsumer)
        {
            builder.Services.Remove(builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ReceiptPushConsumer)));
        }

        var app = builder.Build();
        app.MapStreamReadApi();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ApiHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(TimeSpan.FromSeconds(10));
        await App.DisposeAsync();
    }
}
