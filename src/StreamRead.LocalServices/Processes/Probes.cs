using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StreamRead.LocalServices.Processes;

/// <summary>Readiness checks: one attempt each, false (not an exception) while the server is not answering yet.</summary>
internal static class Probes
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);
    private static readonly HttpClient Http = new() { Timeout = AttemptTimeout };

    /// <summary>True when Redis on 127.0.0.1:<paramref name="port"/> answers PING with PONG.</summary>
    public static async Task<bool> RedisPingAsync(int port, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(AttemptTimeout);
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), attempt.Token);
            await socket.SendAsync("PING\r\n"u8.ToArray(), SocketFlags.None, attempt.Token);
            var buffer = new byte[64];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, attempt.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>True when ClickHouse answers <c>GET /ping</c> with "Ok.".</summary>
    public static async Task<bool> ClickHousePingAsync(Uri httpUrl, CancellationToken cancellationToken)
    {
        try
        {
            // Connection: close, because ClickHouse waits for idle keep-alive connections to time out before it stops.
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(httpUrl, "ping")) { Headers = { ConnectionClose = true } };
            using var response = await Http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode && body.Trim() == "Ok.";
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
