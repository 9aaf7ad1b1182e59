namespace StreamRead.Bench.Scenarios;

/// <summary>One measurement of the bench: a baseline and StreamRead, side by side, on services <see cref="BenchContext"/> provides.</summary>
internal interface IBenchScenario
{
    /// <summary>The name <c>--only</c> takes.</summary>
    string Name { get; }

    /// <summary>What it measures, in a few words.</summary>
    string Title { get; }

    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}
