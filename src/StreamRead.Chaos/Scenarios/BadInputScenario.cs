using Confluent.Kafka;

namespace StreamRead.Chaos;

/// <summary>
/// Fuzzed records among a valid workload (SPEC 1): every valid one is applied (the serving state
/// equals the oracle's, fuzzed-but-valid spellings included), every invalid one is in the dead-letter
/// topic once with the reason it deserves and its original bytes, and the processor never stops.
/// </summary>
internal static class BadInputScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var valid = context.Workload("b-", Math.Max(100, o.Events / 10), seedOffset: 4);
        var span = valid[^1].Timestamp - valid[0].Timestamp;
        var fuzzed = Fuzzer.Generate(o.Seed + 5, o.FuzzRecords, o.HugeRecords, o.Partitions, valid[0].Timestamp, span);
        // Interleaved by time, as gateways would produce them.
        var records = valid.Concat(fuzzed).Select((r, i) => (r, i)).OrderBy(p => p.r.Timestamp).ThenBy(p => p.i).Select(p => p.r).ToList();
        var oracle = Oracle.From(records, ScenarioContext.Model);
        context.Events = records.Count;
        await using var pipeline = await ChaosPipeline.StartAsync(context.Environment, "badinput", o.Partitions, context.CancellationToken);
        var processor = pipeline.StartProcessor();
        await ChaosPipeline.WaitForAssignmentAsync(processor, TimeSpan.FromMinutes(2), context.CancellationToken);
        var positions = pipeline.Produce(records);
        context.Say($"produced {valid.Count} valid records and {fuzzed.Count} fuzzed ones ({fuzzed.Count(f => !f.IsValid)} invalid, {o.HugeRecords} of 1 MiB)");

        await context.VerifyAsync(pipeline, oracle, analytics: true);
        context.DeadLetters = DeadLetterVerifier.Verify(pipeline, records, positions, context.Findings);
        context.Faults = $"{fuzzed.Count} fuzzed ({fuzzed.Count(f => !f.IsValid)} invalid)";
        if (processor.HasExited)
        {
            context.Findings.AddProblem($"the processor stopped (code {processor.ExitCode}):\n{processor.Tail()}");
        }

        if (pipeline.Environment.IsDevBroker)
        {
            using var consumer = new ConsumerBuilder<byte[], byte[]>(pipeline.Configs.CreateConsumerConfig(pipeline.Topics.Prefix + "dlq-watermarks")).Build();
            for (var p = 0; p < pipeline.Partitions; p++)
            {
                if (consumer.QueryWatermarkOffsets(new TopicPartition(pipeline.Topics.DeadLetter, p), TimeSpan.FromSeconds(10)).Low.Value > 0)
                {
                    context.Findings.AddProblem($"the dev broker dropped the head of {pipeline.Topics.DeadLetter}[{p}] (5 MiB per partition): use more partitions or fewer huge records");
                }
            }
        }
    }
}
