using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Properties;

/// <summary>
/// Any reordering and duplication of a valid history gives the same observable state (SPEC 2.1,
/// 2.2, 2.7): counts of every known seq, every user's membership, eligibility point, watermark, own
/// position, badge and pending reads. Valid: explicit afterSeq, message times increasing with seq.
/// </summary>
public sealed class PermutationProperties
{
    [Fact]
    public void AnyPermutationWithDuplicates_GivesTheSameState_WhenEveryReportIsWithinItsWindow()
    {
        // Messages arrive in any seq order too; an unbounded window keeps SPEC 2.5's cut-off out of
        // play (a message beyond a report's window that arrives after a higher one is the documented
        // limit), while early reads still wait for their messages.
        var scenarios = Generators.Scenarios(smallHotWindows: true, staleReads: false, explicitAfterSeq: true, windowMs: 1_000_000_000_000);
        PropertyCheck.Hold(scenarios, 1000, scenario => AssertSameState(scenario, scenario.Permuted()));
    }

    [Fact]
    public void PermutationKeepingMessageOrder_GivesTheSameState_WithEarlyAndLateReads()
    {
        // Messages in seq order, as one Kafka partition delivers them; reads and membership events
        // anywhere, so reports meet messages beyond their window before or after those arrive.
        var scenarios = Generators.Scenarios(smallHotWindows: false, staleReads: true, explicitAfterSeq: true);
        PropertyCheck.Hold(scenarios, 1000, scenario => AssertSameState(scenario, scenario.PermutedKeepingMessageOrder()));
    }

    private static void AssertSameState(Scenario scenario, IReadOnlyList<HistoryEvent> reordered)
    {
        var (original, _) = Observations.Replay(scenario.Events, scenario.Settings);
        var (permuted, reference) = Observations.Replay(reordered, scenario.Settings);
        string expected = Observations.Describe(original, Observations.AllUsers);
        Assert.Equal(expected, Observations.Describe(permuted, Observations.AllUsers));
        Assert.Equal(expected, Observations.Describe(reference, Observations.AllUsers));
        Assert.Equal(Observations.DescribeMembers(original), Observations.DescribeMembers(permuted));
        Assert.Equal(reordered.Count, permuted.Version);
    }
}
