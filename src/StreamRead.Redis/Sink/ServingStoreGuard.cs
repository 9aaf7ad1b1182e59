using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace StreamRead.Redis.Sink;

/// <summary>
/// Notices that the serving store lost its data and asks for a rebuild (docs/design.md, "Rebuilding
/// the serving store"). Redis keeps nothing on disk, so a restart, a failover to an empty replica or
/// a FLUSHALL leaves it empty while the sink's offsets say everything was written. The guard keeps
/// a marker key, <c>&lt;prefix&gt;:serving-epoch</c>: when it is gone, the store is empty, and the
/// guard asks the processors for the full state of every conversation before writing the marker
/// again (a crash in between only asks twice).
/// </summary>
/// <remarks>
/// Checked before every batch the sink writes, when the connection comes back, and every
/// <c>RedisSink:RebuildCheckInterval</c> while idle: one EXISTS each time. Redis must not evict
/// keys (<c>maxmemory-policy noeviction</c>, the default): a store that loses some keys but not the
/// marker is not noticed.
/// </remarks>
public sealed class ServingStoreGuard
{
    private readonly IConnectionMultiplexer _connection;
    private readonly Func<string, CancellationToken, Task> _requestRebuild;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _checking = new(1, 1);

    /// <param name="connection">The serving store.</param>
    /// <param name="keys">Its key layout (the marker lives under its prefix).</param>
    /// <param name="requestRebuild">Asks the processors for every conversation's full state, given the reason; throws when it could not.</param>
    /// <param name="logger">Where rebuilds are reported.</param>
    /// <param name="time">The clock of the marker's value.</param>
    public ServingStoreGuard(IConnectionMultiplexer connection, RedisKeys keys, Func<string, CancellationToken, Task> requestRebuild, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _connection = connection;
        _requestRebuild = requestRebuild;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        MarkerKey = keys.ServingEpoch;
    }

    /// <summary>The marker key.</summary>
    public RedisKey MarkerKey { get; }

    /// <summary>How many rebuilds this guard requested.</summary>
    public int RebuildsRequested { get; private set; }

    /// <summary>
    /// Checks the marker; when it is missing, requests a rebuild and writes the marker.
    /// </summary>
    /// <returns>Whether a rebuild was requested.</returns>
    /// <exception cref="RedisException">Redis is unreachable (the sink retries the batch).</exception>
    public async Task<bool> EnsureIntactAsync(CancellationToken cancellationToken)
    {
        await _checking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var database = _connection.GetDatabase();
            if (await database.KeyExistsAsync(MarkerKey).ConfigureAwait(false))
            {
                return false;
            }

            var reason = $"marker {MarkerKey} is missing: the serving store is empty (new, restarted or flushed)";
            _logger.LogWarning("{Reason}; asking the processors for the full state of every conversation", reason);
            await _requestRebuild(reason, cancellationToken).ConfigureAwait(false);
            // Written only after the request was acknowledged: a failure in between asks again.
            var epoch = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            await database.StringSetAsync(MarkerKey, epoch).ConfigureAwait(false);
            RebuildsRequested++;
            return true;
        }
        finally
        {
            _checking.Release();
        }
    }

    /// <summary>
    /// Checks every <paramref name="interval"/> and whenever the connection is restored, until
    /// <paramref name="stoppingToken"/> fires: an idle sink still notices an emptied store.
    /// </summary>
    public async Task WatchAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        var restored = new SemaphoreSlim(0);
        void OnRestored(object? sender, ConnectionFailedEventArgs e) => restored.Release();
        _connection.ConnectionRestored += OnRestored;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await EnsureIntactAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogWarning("serving store check failed ({Error}); retrying in {Interval}", e.Message, interval);
                }

                try
                {
                    await restored.WaitAsync(interval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            _connection.ConnectionRestored -= OnRestored;
        }
    }
}
