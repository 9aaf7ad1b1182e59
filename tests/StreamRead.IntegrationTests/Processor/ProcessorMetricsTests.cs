using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.IntegrationTests.Processor.Support;
using StreamRead.Model;
using StreamRead.Runtime.Hosting;
using StreamRead.Runtime.Kafka;
using StreamRead.Runtime.Metrics;
using Xunit;

namespace StreamRead.IntegrationTests.Processor;

/// <summary>The SPEC 3 metrics, asserted by name: lag, records in and out, dead letters, flush latency, state size.</summary>
[Collection(ProcessorTests.Collection)]
public sealed class ProcessorMetricsTests(KafkaClusterFixture kafka, RedisServerFixture redis)
{
    [Fact]
    public async Task The_processor_publishes_lag_throughput_dead_letters_flush_latency_and_state_size()
    {
        await using var pipeline = await Pipeline.CreateAsync(kafka, redis, "metrics", partitions: 2);
        using var metrics = new StreamReadMetrics();
        var status = new ProcessorStatus();
        ProcessorGauges.Register(metrics, status);
        var seen = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => seen.AddOrUpdate(i.Name, value, (_, v) => v + value));
        listener.SetMeasurementEventCallback<double>((i, value, _, _) => seen.AddOrUpdate(i.Name, value, (_, v) => v + value));
        listener.Start();

        var history = Histories.Scripted("g-metrics");
        pipeline.Produce(history);
        using (var producer = new Confluent.Kafka.ProducerBuilder<string, string>(pipeline.Configs.CreateProducerConfig()).Build())
        {
            await producer.ProduceAsync(pipeline.Topics.Reads, new() { Key = "g-metrics", Value = "not json" }, TestContext.Current.CancellationToken);
        }

        pipeline.StartProcessor(metrics: metrics, status: status);
        pipeline.StartRedisSink();
        await pipeline.WaitForVersionsAsync(ExpectedServingState.From(history, new ModelOptions()).Versions, TimeSpan.FromSeconds(60));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (status.Conversations == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        listener.RecordObservableInstruments();

        Assert.Equal(history.Count + 1, seen["streamread.records.consumed"]);
        Assert.True(seen["streamread.records.produced"] > 0);
        Assert.Equal(1, seen["streamread.deadletters"]);
        Assert.True(seen["streamread.flush.duration"] > 0);
        Assert.True(seen["streamread.flush.records"] >= history.Count + 1);
        Assert.Equal(0, seen["streamread.consumer.lag"]);
        Assert.Equal(1, seen["streamread.state.conversations"]);
        Assert.Equal(6, seen["streamread.state.watermarks"]);
    }
}
