using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace StreamRead.Kafka.Dev;

/// <summary>
/// Accepts TCP connections on a fixed endpoint and pipes each one, byte for byte, to a target
/// endpoint. The dev broker uses it to give the mock cluster (random ports) a well-known bootstrap
/// address: a client's first connection goes through here, and the metadata it receives sends it
/// straight to the brokers' real ports afterwards.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, TcpClient> _connections = new();
    private Task _acceptLoop = Task.CompletedTask;

    private TcpForwarder(TcpListener listener)
    {
        _listener = listener;
    }

    /// <summary>Where clients connect (with the actual port when bound to port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Binds <paramref name="endpoint"/> without forwarding yet, so a taken port fails before anything else starts.</summary>
    /// <exception cref="SocketException">The endpoint cannot be bound (e.g. <see cref="SocketError.AddressAlreadyInUse"/>).</exception>
    public static TcpForwarder Bind(IPEndPoint endpoint)
    {
        var listener = new TcpListener(endpoint);
        listener.Start();
        return new TcpForwarder(listener);
    }

    /// <summary>Starts accepting and forwarding every connection to <paramref name="target"/>.</summary>
    public void Start(DnsEndPoint target)
    {
        _acceptLoop = Task.Run(() => AcceptLoopAsync(target, _stopping.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var client in _connections.Values)
        {
            client.Dispose();
        }

        await Task.WhenAll([_acceptLoop, .. _connections.Keys]).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(DnsEndPoint target, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException && stopping.IsCancellationRequested)
            {
                return;
            }

            var connection = ForwardAsync(client, target, stopping);
            _connections[connection] = client;
            _ = connection.ContinueWith(done => _connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private static async Task ForwardAsync(TcpClient client, DnsEndPoint target, CancellationToken stopping)
    {
        using var upstream = new TcpClient { NoDelay = true };
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(target.Host, target.Port, stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                return; // The broker is gone (shutting down): closing the client makes it retry elsewhere.
            }

            using var bothWays = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var toBroker = PipeAsync(client, upstream, bothWays.Token);
            var toClient = PipeAsync(upstream, client, bothWays.Token);
            // Either side closing ends the connection: Kafka clients reconnect on their own.
            await Task.WhenAny(toBroker, toClient).ConfigureAwait(false);
            await bothWays.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(toBroker, toClient).ConfigureAwait(false);
        }
    }

    private static async Task PipeAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away mid-stream; the connection ends, nothing to recover.
        }
    }
}
