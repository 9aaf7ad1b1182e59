using System.Diagnostics;
using Confluent.Kafka;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Topics;
using StreamRead.Runtime;

namespace StreamRead.Bench.Infrastructure;

/// <summary>
/// The baseline the processor is held to: a bare Confluent.Kafka consumer assigned every input
/// partition from the beginning, doing nothing with the records (or only parsing them).
/// </summary>
internal static class RawConsumer
{
    /// <summary>Reads <paramref name="expected"/> records of the inputs; returns the time from the first record to the last.</summary>
    public static TimeSpan ReadInputs(BenchServices services, TopicSet topics, int partitions, long expected, bool parse, CancellationToken cancellationToken)
    {
        var config = services.Configs.CreateConsumerConfig(topics.Prefix + "raw");
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(topics.Inputs.SelectMany(t => Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(t, p, Offset.Beginning))));
        long read = 0, first = 0, valid = 0;
        var deadline = Stopwatch.StartNew();
        while (read < expected)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null)
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(3))
                {
                    var hint = services.Broker.IsDevBroker ? "did the dev broker drop data (5 MiB per partition)?" : "are all of the cluster's brokers up?";
                    throw new TimeoutException($"the raw consumer read {read:N0} of {expected:N0} records in 3 minutes: {hint}");
                }

                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            if (read++ == 0)
            {
                first = Stopwatch.GetTimestamp();
            }

            if (parse)
            {
                var index = topics.InputIndexOf(record.Topic);
                if (InputRecordParser.Parse(TopicNames.Inputs[index], record.Message.Key, record.Message.Value, record.Message.Value is null).IsValid)
                {
                    valid++;
                }
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(first);
        if (parse && valid != expected)
        {
            throw new InvalidOperationException($"{expected - valid} bench record(s) did not parse: the workload is broken");
        }

        consumer.Close();
        return elapsed;
    }
}
