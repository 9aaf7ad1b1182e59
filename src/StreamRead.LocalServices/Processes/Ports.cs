using System.Net;
using System.Net.Sockets;

namespace StreamRead.LocalServices.Processes;

/// <summary>Loopback port checks done before a server starts, so a clash gets a clear error instead of a log line.</summary>
internal static class Ports
{
    /// <summary>
    /// Returns <paramref name="requested"/> when it is free on 127.0.0.1, or a free port when it is 0.
    /// <paramref name="reserved"/> are ports already chosen for the same server.
    /// </summary>
    public static int Resolve(int requested, string configKey, string? cliOption, params int[] reserved)
    {
        var where = cliOption is null ? configKey : $"{configKey} / {cliOption}";
        if (requested is < 0 or > IPEndPoint.MaxPort)
        {
            throw new LocalServiceException($"port {requested} is not a valid port: set {where} to 1-65535, or 0 for any free port");
        }

        if (requested == 0)
        {
            return PickFree(reserved);
        }

        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, requested));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new LocalServiceException($"port {requested} is in use: stop the other process or set {where}", e);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            throw new LocalServiceException($"port {requested} needs root privileges: set {where} to a port above 1023", e);
        }

        if (reserved.Contains(requested))
        {
            throw new LocalServiceException($"port {requested} is already taken by another port of the same server: set {where} to a different port");
        }

        return requested;
    }

    private static int PickFree(int[] reserved)
    {
        // Bind to port 0 and let the kernel choose; another process could still take the port
        // before the server binds it, which the server's readiness check then reports.
        while (true)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            if (!reserved.Contains(port))
            {
                return port;
            }
        }
    }
}
