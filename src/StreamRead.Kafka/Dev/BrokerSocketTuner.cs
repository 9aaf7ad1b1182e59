using System.Globalization;
using System.Runtime.InteropServices;

namespace StreamRead.Kafka.Dev;

/// <summary>
/// Turns Nagle's algorithm off on the connections librdkafka's mock brokers accept in this process.
/// </summary>
/// <remarks>
/// The mock cluster leaves its accepted sockets with Nagle on (librdkafka 2.0.2), and it answers
/// each produce request with its own small write. A second answer then waits until the client
/// acknowledges the first, which Linux delays by 40 ms: every produce round trip on the dev broker
/// cost ~44 ms where a real broker (which sets TCP_NODELAY) answers in well under one
/// (docs/benchmarks.md, "Round trips on the dev broker"). The mock offers no option for it, so this
/// polls this process's file descriptors for sockets it has not seen, asks each for its local port
/// (getsockname) and sets TCP_NODELAY on the connected ones on a broker's port. Linux only;
/// elsewhere it does nothing.
/// <para>
/// An earlier version read <c>/proc/self/net/tcp</c> to find them: the kernel walks its whole
/// connection table on every read of that file, which cost ~17 % of a core at a 50 ms interval
/// (docs/benchmarks.md, latency).
/// </para>
/// </remarks>
internal sealed class BrokerSocketTuner : IAsyncDisposable
{
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    private readonly HashSet<int> _ports;

    // Socket inodes seen so far: true for the broker connections tuned, false for other sockets.
    private readonly Dictionary<string, bool> _seen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private BrokerSocketTuner(IEnumerable<int> ports, TimeSpan interval)
    {
        _ports = [.. ports];
        _loop = Task.Run(() => RunAsync(interval, _stop.Token));
    }

    /// <summary>Starts tuning the connections to <paramref name="ports"/>; null where /proc is missing.</summary>
    public static BrokerSocketTuner? Start(IEnumerable<int> ports, TimeSpan interval) =>
        OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd") ? new BrokerSocketTuner(ports, interval) : null;

    /// <summary>Broker connections open and tuned.</summary>
    public int Tuned
    {
        get
        {
            lock (_seen)
            {
                return _seen.Count(s => s.Value);
            }
        }
    }

    /// <summary>Sets TCP_NODELAY on every broker connection not tuned yet; returns how many it set.</summary>
    public int TuneOnce()
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        var set = 0;
        foreach (var fd in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            string? target;
            try
            {
                target = fd.LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed meanwhile
            }

            // "socket:[<inode>]"
            if (target is null || !target.StartsWith("socket:[", StringComparison.Ordinal)
                || !int.TryParse(fd.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var descriptor))
            {
                continue;
            }

            var inode = target[8..^1];
            open.Add(inode);
            lock (_seen)
            {
                if (_seen.ContainsKey(inode))
                {
                    continue;
                }
            }

            // A descriptor closed and reused in between is asked about its new socket: harmless.
            var broker = IsBrokerConnection(descriptor);
            var on = 1;
            if (broker && SetSocketOption(descriptor, IpProtoTcp, TcpNoDelay, ref on, sizeof(int)) == 0)
            {
                set++;
            }

            lock (_seen)
            {
                _seen[inode] = broker;
            }
        }

        lock (_seen)
        {
            // Forget closed sockets: the map stays as large as the open ones.
            foreach (var closed in _seen.Keys.Where(inode => !open.Contains(inode)).ToList())
            {
                _seen.Remove(closed);
            }
        }

        return set;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                TuneOnce();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // /proc unreadable: the dev broker still works, only slower.
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A connected TCP socket whose local port is a broker's: one the mock accepted.</summary>
    private bool IsBrokerConnection(int descriptor)
    {
        // sockaddr_in / sockaddr_in6: family (host order), then the port (network order); 28 bytes suffice.
        Span<byte> address = stackalloc byte[28];
        var length = (uint)address.Length;
        if (GetSocketName(descriptor, ref MemoryMarshal.GetReference(address), ref length) != 0 || length < 4)
        {
            return false;
        }

        var family = MemoryMarshal.Read<ushort>(address);
        var port = (address[2] << 8) | address[3];
        if ((family != AfInet && family != AfInet6) || !_ports.Contains(port))
        {
            return false;
        }

        // The listening socket has the port too but no peer.
        length = (uint)address.Length;
        return GetPeerName(descriptor, ref MemoryMarshal.GetReference(address), ref length) == 0;
    }

    [DllImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    private static extern int GetSocketName(int socket, ref byte address, ref uint length);

    [DllImport("libc", EntryPoint = "getpeername", SetLastError = true)]
    private static extern int GetPeerName(int socket, ref byte address, ref uint length);

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static extern int SetSocketOption(int socket, int level, int option, ref int value, uint length);
}
