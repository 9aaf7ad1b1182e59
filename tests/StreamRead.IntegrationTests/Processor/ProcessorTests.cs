using Xunit;

namespace StreamRead.IntegrationTests.Processor;

/// <summary>
/// The heavy pipeline tests (a 100,000-member group, processes killed and restarted) run one after
/// another: in parallel on a 2-core machine they would mostly measure each other.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class ProcessorTests
{
    public const string Collection = "processor pipelines";
}
