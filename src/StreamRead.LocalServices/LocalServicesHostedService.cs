using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StreamRead.LocalServices;

/// <summary>
/// Starts the enabled local servers with the host (in parallel, returning once all answer) and
/// stops them with it. Registered before the pipeline's services, so those start on ready servers.
/// </summary>
internal sealed class LocalServicesHostedService(
    IOptions<LocalServicesOptions> options, LocalRedisServer redis, LocalClickHouseServer clickHouse) : IHostedService
{
    private readonly List<ILocalService> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The host turns SIGTERM and Ctrl-C into StopAsync below, after the services registered later.
        redis.StopOnTerminationSignal = false;
        clickHouse.StopOnTerminationSignal = false;

        var enabled = new List<ILocalService>();
        if (options.Value.Redis.Enabled)
        {
            enabled.Add(redis);
        }

        if (options.Value.ClickHouse.Enabled)
        {
            enabled.Add(clickHouse);
        }

        _started.AddRange(enabled);
        try
        {
            await Task.WhenAll(enabled.Select(service => service.StartAsync(cancellationToken)));
        }
        catch
        {
            // One failed: stop the others too, so a failed start leaves nothing running.
            await StopAsync(CancellationToken.None);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_started.Select(service => service.StopAsync(cancellationToken)));
}
