using StreamRead.Analytics.Schema;
using StreamRead.Analytics.Sink;
using StreamRead.ClickHouse;
using StreamRead.ClickHouse.Migrations;
using StreamRead.Contracts.Analytics;
using StreamRead.Contracts.Json;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.Model;
using StreamRead.Runtime.Outputs;
using StreamRead.Runtime.State;

namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>
/// The processor's path without Kafka: a workload applied to a <see cref="ReadStateStore"/>,
/// drained every few records through <see cref="AnalyticsMapper"/> (as PartitionTask does), the
/// updates sent through their JSON wire form, and written with the sink's writer.
/// </summary>
internal static class AnalyticsHarness
{
    public static readonly DateTimeOffset EmittedAt = ReadWorkload.Start.AddDays(3);

    /// <summary>The updates the processor emits when it flushes every <paramref name="recordsPerFlush"/> records.</summary>
    public static List<AnalyticsUpdate> Updates(ReadWorkload workload, int recordsPerFlush)
    {
        var store = new ReadStateStore(new ModelOptions());
        var updates = new List<AnalyticsUpdate>();
        void Flush()
        {
            foreach (var (state, changes) in store.DrainChanges())
            {
                updates.AddRange(AnalyticsMapper.ToAnalyticsUpdates(changes, state, state.CaptureSnapshot(), EmittedAt)
                    .Select(u => ContractsSerializer.DeserializeAnalyticsUpdate(ContractsSerializer.Serialize(u))));
            }
        }

        for (var i = 0; i < workload.Events.Count; i++)
        {
            var chatEvent = workload.Events[i];
            store.Apply(chatEvent, ReadWorkload.TimeOf(chatEvent).ToUnixTimeMilliseconds());
            if ((i + 1) % recordsPerFlush == 0)
            {
                Flush();
            }
        }

        Flush();
        return updates;
    }

    /// <summary>A fresh database with the analytics schema.</summary>
    public static async Task<ClickHouseClient> CreateDatabaseAsync(ClickHouseServerFixture clickHouse, CancellationToken cancellationToken)
    {
        var client = clickHouse.Client(clickHouse.NewDatabaseName());
        await new ClickHouseMigrator(client).ApplyAsync(AnalyticsSchema.Migrations, cancellationToken);
        return client;
    }

    /// <summary>Writes <paramref name="updates"/> in sink batches of <paramref name="batchSize"/>.</summary>
    public static async Task WriteAsync(ClickHouseClient client, IReadOnlyList<AnalyticsUpdate> updates, int batchSize, CancellationToken cancellationToken)
    {
        var writer = new ClickHouseAnalyticsWriter(client);
        foreach (var batch in updates.Chunk(batchSize))
        {
            await writer.WriteAsync(batch, cancellationToken);
        }
    }
}
