using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Properties;

/// <summary>The efficient model answers every query exactly like the naive oracle (SPEC 2).</summary>
public sealed class ReferenceModelProperties
{
    [Fact]
    public void Model_EqualsReference_OnTimeOrderedHistories_WithEviction()
    {
        // Small hot windows evict constantly. Reports are first applied at their own time and
        // redelivered at any later time: both exact (docs/design.md, hot-window approximation).
        PropertyCheck.Hold(Generators.Scenarios(smallHotWindows: true, staleReads: false, explicitAfterSeq: false), 1000, scenario =>
        {
            var (state, reference) = Observations.Replay(scenario.Events, scenario.Settings);
            Assert.Equal(Observations.Describe(reference, Observations.AllUsers), Observations.Describe(state, Observations.AllUsers));
            Assert.Equal(reference.Version, state.Version);
        });
    }

    [Fact]
    public void Model_EqualsReference_OnHistoriesWithStaleReports()
    {
        // Reports older than the window, applied after messages beyond it: exact while the hot
        // window holds those messages.
        PropertyCheck.Hold(Generators.Scenarios(smallHotWindows: false, staleReads: true, explicitAfterSeq: false), 1000, scenario =>
        {
            var (state, reference) = Observations.Replay(scenario.Events, scenario.Settings);
            Assert.Equal(Observations.Describe(reference, Observations.AllUsers), Observations.Describe(state, Observations.AllUsers));
        });
    }
}
