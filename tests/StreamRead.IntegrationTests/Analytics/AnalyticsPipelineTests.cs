using Confluent.Kafka;
using StreamRead.Analytics.Queries;
using StreamRead.Contracts.Events;
using StreamRead.IntegrationTests.Analytics.Support;
using StreamRead.IntegrationTests.Fixtures;
using StreamRead.Kafka.Producing;
using StreamRead.Runtime;
using StreamRead.Runtime.Kafka;
using StreamRead.Runtime.Metrics;

using Xunit;

namespace StreamRead.IntegrationTests.Analytics;

/// <summary>
/// Chat events in, dashboards out: the processor emits <c>streamread.analytics</c> from the input
/// topics and the ClickHouse sink stores it; every dashboard figure equals the expected one.
/// </summary>
public sealed class AnalyticsPipelineTests(KafkaClusterFixture kafka, ClickHouseServerFixture clickHouse)
{
    private const int Partitions = 4;

    [Fact]
    public async Task Chat_events_through_the_processor_and_the_sink_give_the_expected_dashboards()
    {
        var cancel = TestContext.Current.CancellationToken;
        var workload = ReadWorkload.Create(seed: 11);
        var expected = ExpectedAnalytics.From(workload);
        var topics = new TopicSet(kafka.UniqueName("pipeline") + ".");
        foreach (var topic in new[] { topics.Messages, topics.Reads, topics.Members, topics.Changelog, topics.Receipts, topics.Analytics, topics.DeadLetter })
        {
            await kafka.CreateTopicAsync(topic, Partitions, cancellationToken: cancel);
        }

        using (var producer = new ChatEventProducer(kafka.ClientConfigs, new ChatEventTopics(topics.Messages, topics.Reads, topics.Members)))
        {
            foreach (var chatEvent in workload.Events)
            {
                Action<DeliveryReport<string, byte[]>> check = report => Assert.False(report.Error.IsError, report.Error.Reason);
                switch (chatEvent)
                {
                    case MessageSent m: producer.Produce(m, check); break;
                    case ReadReported r: producer.Produce(r, check); break;
                    case MembershipChanged c: producer.Produce(c, check); break;
                }
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var client = await AnalyticsHarness.CreateDatabaseAsync(clickHouse, cancel);
        var log = new CapturingLogger();
        var processor = new ProcessorLoop(
            new ProcessorOptions
            {
                ApplicationId = topics.Prefix + "processor",
                TopicPrefix = topics.Prefix,
                MaxBatchDelay = TimeSpan.FromMilliseconds(50),
                MaxTaskIdle = TimeSpan.FromSeconds(1),
            },
            kafka.ClientConfigs, new StreamReadMetrics(), new ProcessorStatus(), log);
        await using (new BackgroundLoop(processor.Run))
        await using (AnalyticsSinkRunner.Start(kafka.ClientConfigs, topics.Analytics, topics.Prefix + "sink-clickhouse", client, log))
        {
            await AnalyticsSinkRunner.WaitForFactsAsync(client, expected, log, TimeSpan.FromSeconds(60));
        }

        var tables = await new AnalyticsReader(client).RunAllAsync(AnalyticsQueries.All, ExpectedFigures.Range, cancel);
        Assert.All(tables, table =>
        {
            Assert.NotEmpty(table.Rows);
            ExpectedFigures.AssertMatches(table, expected);
        });
    }
}
