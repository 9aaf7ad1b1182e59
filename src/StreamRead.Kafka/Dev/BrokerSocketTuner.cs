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
/// polls this process's file descriptors, asks each for its local port (getsockname: a syscall
/// that fails at once on anything but a socket) and sets TCP_NODELAY on the connected ones on a
/// broker's port. Linux only; elsewhere it does nothing.
/// <para>
/// Cheap on purpose, as it shares the machine with what it speeds up: earlier versions read
/// <c>/proc/self/net/tcp</c> (the kernel walks its whole connection table on every read: ~17 % of a
/// core at the 50 ms interval), then resolved every descriptor's link (~9 %), then listed the
/// descriptors with .NET's directory enumerator, which stats every entry's target (~5 % of the
/// bench process) (docs/benchmarks.md, latency). Now it reads the names with readdir alone.
/// </para>
/// </remarks>
internal sealed class BrokerSocketTuner : IAsyncDisposable
{
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    /// <summary>Where d_name starts in a 64-bit Linux struct dirent (glibc and musl alike).</summary>
    private const int DirentNameOffset = 19;

    private readonly HashSet<int> _ports;
    private int _tuned;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private BrokerSocketTuner(IEnumerable<int> ports, TimeSpan interval)
    {
        _ports = [.. ports];
        _loop = Task.Run(() => RunAsync(interval, _stop.Token));
    }

    /// <summary>Starts tuning the connections to <paramref name="ports"/>; null where /proc is missing or not 64-bit.</summary>
    public static BrokerSocketTuner? Start(IEnumerable<int> ports, TimeSpan interval) =>
        OperatingSystem.IsLinux() && Environment.Is64BitProcess && Directory.Exists("/proc/self/fd") ? new BrokerSocketTuner(ports, interval) : null;

    /// <summary>Broker connections open (and tuned) at the last check.</summary>
    public int Tuned => Volatile.Read(ref _tuned);

    /// <summary>Sets TCP_NODELAY on every broker connection not tuned yet; returns how many it set.</summary>
    public int TuneOnce()
    {
        var set = 0;
        var open = 0;
        foreach (var descriptor in OpenDescriptors())
        {
            // A descriptor closed or reused in between answers for its new file, if any: harmless.
            if (!IsBrokerConnection(descriptor))
            {
                continue;
            }

            open++;
            int on = 0;
            var length = (uint)sizeof(int);
            if (GetSocketOption(descriptor, IpProtoTcp, TcpNoDelay, ref on, ref length) == 0 && on == 0)
            {
                on = 1;
                if (SetSocketOption(descriptor, IpProtoTcp, TcpNoDelay, ref on, sizeof(int)) == 0)
                {
                    set++;
                }
            }
        }

        Volatile.Write(ref _tuned, open);
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

    /// <summary>
    /// This process's descriptors: the names in <c>/proc/self/fd</c>, read with readdir alone.
    /// <see cref="Directory.EnumerateFileSystemEntries(string)"/> would also stat every entry's
    /// link target (a path walk each), which cost ~5 % of the bench process at this interval.
    /// </summary>
    private static List<int> OpenDescriptors()
    {
        var descriptors = new List<int>();
        var directory = OpenDirectory("/proc/self/fd");
        if (directory == IntPtr.Zero)
        {
            throw new IOException($"cannot read /proc/self/fd (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            while (ReadDirectory(directory) is var entry && entry != IntPtr.Zero)
            {
                if (Marshal.PtrToStringUTF8(entry + DirentNameOffset) is { } name
                    && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var descriptor))
                {
                    descriptors.Add(descriptor);
                }
            }
        }
        finally
        {
            _ = CloseDirectory(directory);
        }

        return descriptors;
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

    [DllImport("libc", EntryPoint = "opendir", SetLastError = true)]
    private static extern IntPtr OpenDirectory([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport("libc", EntryPoint = "readdir")]
    private static extern IntPtr ReadDirectory(IntPtr directory);

    [DllImport("libc", EntryPoint = "closedir")]
    private static extern int CloseDirectory(IntPtr directory);

    [DllImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    private static extern int GetSocketName(int socket, ref byte address, ref uint length);

    [DllImport("libc", EntryPoint = "getpeername", SetLastError = true)]
    private static extern int GetPeerName(int socket, ref byte address, ref uint length);

    [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static extern int GetSocketOption(int socket, int level, int option, ref int value, ref uint length);

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static extern int SetSocketOption(int socket, int level, int option, ref int value, uint length);
}
