using Confluent.Kafka;
using StreamRead.Contracts.DeadLetters;
using StreamRead.Contracts.Json;

namespace StreamRead.Chaos;

/// <summary>
/// Checks <c>streamread.deadletter</c> against what was produced: every invalid record is there
/// once, at its source topic, partition and offset, with the reason code it must get and a reason
/// in words; no valid record is.
/// </summary>
internal static class DeadLetterVerifier
{
    /// <returns>The dead letters found.</returns>
    public static long Verify(ChaosPipeline pipeline, IReadOnlyList<InputRecord> records, (int Partition, long Offset)[] positions, Findings findings)
    {
        var letters = ReadAll(pipeline);
        var byPosition = letters.GroupBy(d => (d.SourceTopic, d.Partition, d.Offset)).ToDictionary(g => g.Key, g => g.ToList());
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var position = (pipeline.Topics.Inputs[record.TopicIndex], positions[i].Partition, positions[i].Offset);
            var found = byPosition.GetValueOrDefault(position);
            if (record.IsValid)
            {
                if (found is not null)
                {
                    findings.AddWrong($"a valid {record.Kind} record at {position} was dead-lettered: {found[0].Reason.Code.ToWireName()} {found[0].Reason.Message}");
                }

                continue;
            }

            if (found is null)
            {
                findings.AddLost(1, $"the {record.Kind} record at {position} is not in the dead-letter topic");
                continue;
            }

            if (found.Count > 1)
            {
                findings.AddDoubled(found.Count - 1, $"the {record.Kind} record at {position} was dead-lettered {found.Count} times");
            }

            var letter = found[0];
            if (letter.Reason.Code.ToWireName() != record.ExpectedReason || string.IsNullOrWhiteSpace(letter.Reason.Message))
            {
                findings.AddWrong($"the {record.Kind} record at {position} got {letter.Reason.Code.ToWireName()} ('{letter.Reason.Message}'), expected {record.ExpectedReason}");
            }

            var original = letter.ValueBase64 is null ? null : Convert.FromBase64String(letter.ValueBase64);
            if (!(original ?? []).AsSpan().SequenceEqual(record.Value ?? []) || (original is null) != (record.Value is null))
            {
                findings.AddWrong($"the dead letter of the {record.Kind} record at {position} does not carry its original bytes");
            }
        }

        return letters.Count;
    }

    private static List<DeadLetterRecord> ReadAll(ChaosPipeline pipeline)
    {
        var config = pipeline.Configs.CreateConsumerConfig(pipeline.Topics.Prefix + "deadletter-check");
        config.EnablePartitionEof = true;
        config.FetchMaxBytes = 64 * 1024 * 1024;
        config.MaxPartitionFetchBytes = 16 * 1024 * 1024;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var partitions = Enumerable.Range(0, pipeline.Partitions).Select(p => new TopicPartition(pipeline.Topics.DeadLetter, p)).ToList();
        var ends = partitions.ToDictionary(tp => tp, tp => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);
        var pending = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        consumer.Assign(partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var letters = new List<DeadLetterRecord>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromSeconds(1));
            if (record is null)
            {
                continue;
            }

            if (!record.IsPartitionEOF)
            {
                letters.Add(ContractsSerializer.DeserializeDeadLetterRecord(record.Message.Value));
            }

            if (record.Offset.Value + (record.IsPartitionEOF ? 0 : 1) >= ends[record.TopicPartition])
            {
                pending.Remove(record.TopicPartition);
            }
        }

        return letters;
    }
}
