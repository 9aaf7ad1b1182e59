using StreamRead.Model;

namespace StreamRead.Chaos;

/// <summary>What every scenario gets: the environment, the sizes, a seeded random, where to report progress, and the findings.</summary>
internal sealed class ScenarioContext(ChaosEnvironment environment, ChaosOptions options, TextWriter progress, CancellationToken cancellationToken)
{
    /// <summary>The processor's model settings (its defaults): the oracle must use the same.</summary>
    public static readonly ModelOptions Model = new();

    public ChaosEnvironment Environment { get; } = environment;

    public ChaosOptions Options { get; } = options;

    public Random Random { get; } = new(options.Seed);

    public Findings Findings { get; } = new();

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Input records handled (or requests sent, or outputs scanned).</summary>
    public long Events { get; set; }

    /// <summary>The faults injected, in words.</summary>
    public string Faults { get; set; } = "-";

    /// <summary>Dead letters found, for scenarios with invalid input.</summary>
    public long? DeadLetters { get; set; }

    public void Say(string line) => progress.WriteLine($"  {DateTime.Now:HH:mm:ss} {line}");

    /// <summary>A valid workload of <paramref name="events"/> events as input records.</summary>
    public List<InputRecord> Workload(string conversationPrefix, int events, int seedOffset = 0) =>
        WorkloadGenerator.Generate(Options.Seed + seedOffset, conversationPrefix, Options.Conversations, Options.Users, Options.PrivateReaders, events, WorkloadGenerator.Start)
            .Select(e => InputRecord.Of(e))
            .ToList();

    /// <summary>
    /// Waits until the pipeline caught up with the oracle (or the timeout), then checks everything:
    /// the harness itself (no data dropped by the dev broker, no in-process service stopped),
    /// Redis and the API, and ClickHouse when <paramref name="analytics"/>.
    /// </summary>
    public async Task VerifyAsync(ChaosPipeline pipeline, Oracle oracle, bool analytics)
    {
        Say($"waiting for the pipeline to apply {oracle.Records} records");
        if (!await pipeline.WaitForVersionsAsync(oracle.Conversations.ToDictionary(c => c.Key, c => c.Value.Version), Options.CatchUpTimeout, CancellationToken))
        {
            Say($"not caught up after {Options.CatchUpTimeout}: counting what is missing");
        }

        if (analytics && !await AnalyticsVerifier.WaitForSinkAsync(pipeline, Options.CatchUpTimeout, CancellationToken))
        {
            Findings.AddProblem($"the ClickHouse sink did not reach the end of {pipeline.Topics.Analytics} within {Options.CatchUpTimeout}");
        }

        foreach (var dropped in pipeline.DroppedPartitions())
        {
            Findings.AddProblem($"the dev broker dropped the head of {dropped} (5 MiB per partition): the run is not valid, use more partitions");
        }

        foreach (var failed in pipeline.FailedServices())
        {
            Findings.AddProblem($"an in-process service stopped: {failed}");
        }

        Say("comparing Redis and the API with the oracle");
        await ServingVerifier.VerifyAsync(pipeline, oracle, Findings, Random, CancellationToken);
        if (analytics)
        {
            Say("comparing ClickHouse with the oracle");
            await AnalyticsVerifier.VerifyAsync(pipeline, oracle, Findings, CancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200, CancellationToken);
        }

        return true;
    }
}
