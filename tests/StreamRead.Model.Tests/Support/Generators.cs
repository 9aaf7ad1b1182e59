using FsCheck;
using FsCheck.Fluent;

namespace StreamRead.Model.Tests.Support;

/// <summary>FsCheck generators of conversation histories (see <see cref="Scenario"/>).</summary>
internal static class Generators
{
    private static readonly Gen<StepKind> Kinds = Gen.Frequency(
        (4, Gen.Constant(StepKind.Message)),
        (5, Gen.Constant(StepKind.Read)),
        (1, Gen.Constant(StepKind.Join)),
        (1, Gen.Constant(StepKind.Leave)),
        (1, Gen.Constant(StepKind.Duplicate)));

    // Time between events: mostly within an early-read window, sometimes well beyond it.
    private static readonly Gen<int> TimeAdvances = Gen.Frequency(
        (3, Gen.Choose(0, 5)),
        (2, Gen.Choose(5, 60)),
        (1, Gen.Choose(60, 400)));

    private static readonly Gen<Step> Steps =
        from kind in Kinds
        from user in Gen.Choose(0, 7)
        from advance in TimeAdvances
        from a in Gen.Choose(0, 1000)
        from b in Gen.Choose(0, 1000)
        from drain in Gen.Elements(false, false, false, true)
        select new Step(kind, user, advance, a, b, drain);

    /// <summary>
    /// Histories with the given shape. <paramref name="smallHotWindows"/> picks hot windows of 1-5
    /// messages (eviction at work), otherwise one that holds every message.
    /// </summary>
    public static Arbitrary<Scenario> Scenarios(
        bool smallHotWindows, bool staleReads, bool explicitAfterSeq, int maxSteps = 60, long? windowMs = null)
    {
        Gen<HistorySettings> settings =
            from users in Gen.Choose(1, 6)
            from window in windowMs is long fixedWindow ? Gen.Constant(fixedWindow) : Gen.Elements(10L, 50L, 200L)
            from hot in smallHotWindows ? Gen.Choose(1, 5) : Gen.Constant(1000)
            from mixed in Gen.Elements(false, true)
            select new HistorySettings(users, window, hot, staleReads, explicitAfterSeq, mixed);

        Gen<Scenario> scenarios =
            from s in settings
            from count in Gen.Choose(0, maxSteps)
            from steps in Gen.ArrayOf(Steps, count)
            from keys in Gen.ArrayOf(Gen.Choose(0, 1_000_000), 97)
            select new Scenario(s, steps, keys);

        return Arb.From(scenarios, Shrink);
    }

    // Fewer steps still interpret into a valid history, so shrinking removes steps.
    private static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        Step[] steps = scenario.Steps;
        if (steps.Length > 1)
        {
            yield return scenario with { Steps = steps[(steps.Length / 2)..] };
            yield return scenario with { Steps = steps[..(steps.Length / 2)] };
        }

        for (int i = 0; i < steps.Length; i++)
        {
            yield return scenario with { Steps = [.. steps[..i], .. steps[(i + 1)..]] };
        }
    }
}
