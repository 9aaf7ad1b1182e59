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
/// polls <c>/proc/self/net/tcp*</c> for established connections on the brokers' ports and sets
/// TCP_NODELAY on their file descriptors. Linux only; elsewhere it does nothing.
/// </remarks>
internal sealed class BrokerSocketTuner : IAsyncDisposable
{
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const string Established = "01";

    private readonly HashSet<string> _ports;
    private readonly HashSet<string> _tuned = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private BrokerSocketTuner(IEnumerable<int> ports, TimeSpan interval)
    {
        // /proc/net/tcp prints ports as 4 upper-case hex digits.
        _ports = [.. ports.Select(p => p.ToString("X4", CultureInfo.InvariantCulture))];
        _loop = Task.Run(() => RunAsync(interval, _stop.Token));
    }

    /// <summary>Starts tuning the connections to <paramref name="ports"/>; null where /proc is missing.</summary>
    public static BrokerSocketTuner? Start(IEnumerable<int> ports, TimeSpan interval) =>
        OperatingSystem.IsLinux() && File.Exists("/proc/self/net/tcp") ? new BrokerSocketTuner(ports, interval) : null;

    /// <summary>Connections tuned so far.</summary>
    public int Tuned
    {
        get
        {
            lock (_tuned)
            {
                return _tuned.Count;
            }
        }
    }

    /// <summary>Sets TCP_NODELAY on every broker connection not tuned yet; returns how many it set.</summary>
    public int TuneOnce()
    {
        var pending = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in (string[])["/proc/self/net/tcp", "/proc/self/net/tcp6"])
        {
            CollectBrokerSockets(table, pending);
        }

        lock (_tuned)
        {
            _tuned.IntersectWith(pending); // forget closed connections: the set stays as large as the open ones
            pending.ExceptWith(_tuned);
        }

        if (pending.Count == 0)
        {
            return 0;
        }

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
            if (target is null || !target.StartsWith("socket:[", StringComparison.Ordinal) || !pending.Contains(target[8..^1])
                || !int.TryParse(fd.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var descriptor))
            {
                continue;
            }

            var on = 1;
            if (SetSocketOption(descriptor, IpProtoTcp, TcpNoDelay, ref on, sizeof(int)) == 0)
            {
                set++;
            }

            // A descriptor reused by something else in between gets TCP_NODELAY or ENOTSOCK: both harmless.
            lock (_tuned)
            {
                _tuned.Add(target[8..^1]);
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

    private void CollectBrokerSockets(string table, HashSet<string> inodes)
    {
        if (!File.Exists(table))
        {
            return;
        }

        // "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != Established)
            {
                continue;
            }

            var local = fields[1];
            if (_ports.Contains(local[(local.LastIndexOf(':') + 1)..]))
            {
                inodes.Add(fields[9]);
            }
        }
    }

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static extern int SetSocketOption(int socket, int level, int option, ref int value, uint length);
}
