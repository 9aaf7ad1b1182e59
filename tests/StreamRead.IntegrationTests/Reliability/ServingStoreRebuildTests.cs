using System.Net;
using System.Net.Sockets;
using StreamRead.Chaos;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.IntegrationTests.Processor;
using StreamRead.IntegrationTests.Processor.Support;
using StreamRead.LocalServices;
using StreamRead.Model;
using Xunit;

namespace StreamRead.IntegrationTests.Reliability;

/// <summary>
/// Redis keeps nothing (no persistence): when it comes back empty, the sink notices the missing
/// epoch marker, asks the processor for the full state of every conversation over
/// <c>streamread.control</c>, and the serving state ends exactly as if nothing had been lost
/// (docs/design.md, "Rebuilding the serving store").
/// </summary>
[Collection(ProcessorTests.Collection)]
public sealed class ServingStoreRebuildTests(KafkaClusterFixture kafka)
{
    private static readonly ModelOptions Model = new();

    [Fact]
    public async Task Redis_restarted_empty_mid_run_and_flushed_while_idle_is_rebuilt_from_the_processor_and_loses_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("streamread-rebuild-");
        // A server of the test's own on a fixed port: the restart keeps the address, loses the data.
        var redis = new LocalRedisServer(new LocalServicesOptions { DataDirectory = folder.FullName, Redis = { Port = FreePort() } });
        try
        {
            await redis.StartAsync(Cancel);
            await using var pipeline = await Pipeline.CreateAsync(kafka, redis.Endpoint, "rebuild");
            var history = Histories.ScriptedInAnyOrder("g-script")
                .Concat(Histories.Random(seed: 21, "g-rebuild-", conversations: 24, users: 30, events: 6_000, Histories.Start.AddHours(1)))
                .ToList();
            var portions = history.Chunk((history.Count / 4) + 1).Select(p => p.ToList()).ToList();
            pipeline.StartProcessor();
            pipeline.StartRedisSink();

            pipeline.Produce(portions[0]);
            await pipeline.WaitForVersionsAsync(Expected(portions.Take(1)).Versions, TimeSpan.FromSeconds(60));

            // Down: the sink fails its writes and retries; the processor goes on.
            await redis.StopAsync(Cancel);
            pipeline.Produce(portions[1]);
            await WaitForLogAsync(pipeline, "writing", "the sink to fail a write while Redis is down");

            // Back, empty: everything before is gone from Redis, the sink's offsets are past it.
            await redis.StartAsync(Cancel);
            pipeline.Produce(portions[2]);
            var expected = Expected(portions.Take(3));
            await pipeline.WaitForVersionsAsync(expected.Versions, TimeSpan.FromSeconds(90));
            await ServingStateAssert.MatchesAsync(pipeline, expected);

            // Flushed while nothing is produced: the idle check notices it.
            await pipeline.Redis.GetDatabase().ExecuteAsync("FLUSHALL");
            await pipeline.WaitForVersionsAsync(expected.Versions, TimeSpan.FromSeconds(60));
            await ServingStateAssert.MatchesAsync(pipeline, expected);

            pipeline.Produce(portions[3]);
            expected = Expected(portions);
            await pipeline.WaitForVersionsAsync(expected.Versions, TimeSpan.FromSeconds(60));
            await ServingStateAssert.MatchesAsync(pipeline, expected);

            var log = File.ReadAllText(pipeline.Log.Path);
            Assert.True(Count(log, "asking the processors for the full state") >= 3, "a rebuild at the start (empty store), after the restart and after the flush");
            Assert.True(Count(log, "full state of its") >= 3, $"the processor did not emit full states:\n{pipeline.Log.Tail()}");
        }
        finally
        {
            await redis.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Oracle Expected(IEnumerable<List<ChatEvent>> portions) => ExpectedServingState.From(portions.SelectMany(p => p), Model);

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task WaitForLogAsync(Pipeline pipeline, string text, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(pipeline.Log.Path) || !File.ReadAllText(pipeline.Log.Path).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 60 s for {what}:\n{pipeline.Log.Tail()}");
            await Task.Delay(100, Cancel);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
