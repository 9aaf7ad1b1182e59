using Xunit;

namespace StreamRead.Api.Tests.Fixtures;

/// <summary>Tests that share one running pipeline (<see cref="PipelineFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline";
}
