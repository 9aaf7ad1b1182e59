using Confluent.Kafka;
using StreamRead.IntegrationTests.Fixtures;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

/// <summary>Offset commit and resume through a consumer group: what the processor's restart relies on.</summary>
public sealed class ConsumerGroupTests(KafkaClusterFixture kafka)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_restarted_group_member_resumes_right_after_the_last_committed_offset()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = kafka.UniqueName("resume");
        var group = kafka.UniqueName("group");
        await kafka.CreateTopicAsync(topic, 1, cancellationToken: ct);
        using (var producer = new ProducerBuilder<string, string>(kafka.ClientConfigs.CreateProducerConfig()).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = "c", Value = $"r{i}" });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        // First run: process four records, commit the fourth (the commit names the next offset, 4), stop cleanly.
        using (var first = CreateConsumer(group))
        {
            first.Subscribe(topic);
            ConsumeResult<string, string>? last = null;
            for (var i = 0; i < 4; i++)
            {
                last = ConsumeOne(first, ct);
            }

            first.Commit(last);
            first.Close();
        }

        using var second = CreateConsumer(group);
        second.Subscribe(topic);
        var resumed = ConsumeOne(second, ct);
        second.Close();

        Assert.Equal(4, resumed.Offset.Value);
        Assert.Equal("r4", resumed.Message.Value);
    }

    private IConsumer<string, string> CreateConsumer(string group)
    {
        var config = kafka.ClientConfigs.CreateConsumerConfig(group);
        config.EnableAutoCommit = false;
        // The mock cluster lets the restarted member join only once the previous member's session
        // expires (45 s by default), even after a clean Close; 6 s is the smallest Kafka accepts.
        config.SessionTimeoutMs = 6000;
        return new ConsumerBuilder<string, string>(config).Build();
    }

    private static ConsumeResult<string, string> ConsumeOne(IConsumer<string, string> consumer, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Patience);
        return consumer.Consume(timeout.Token);
    }
}
