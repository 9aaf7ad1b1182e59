namespace StreamRead.Chaos;

/// <summary>What the checks of one scenario found: counts, and the first problems in words.</summary>
internal sealed class Findings
{
    private const int MaxProblems = 20;
    private readonly List<string> _problems = [];
    private readonly Lock _gate = new();

    public long Lost { get; private set; }

    public long Doubled { get; private set; }

    public long Wrong { get; private set; }

    /// <summary>Problems that are not lost, doubled or wrong answers (a crashed sink, a broken harness).</summary>
    public IReadOnlyList<string> Problems => _problems;

    public void AddLost(long count, string problem) => Add(count, 0, 0, problem);

    public void AddDoubled(long count, string problem) => Add(0, count, 0, problem);

    public void AddWrong(string problem) => Add(0, 0, 1, problem);

    /// <summary>A problem that invalidates the scenario without being a wrong answer (e.g. the harness could not run it).</summary>
    public void AddProblem(string problem) => Add(0, 0, 0, problem, always: true);

    public ChaosResult ToResult(string scenario, long events, string faults, long? deadLetters, TimeSpan elapsed)
    {
        List<string> problems;
        lock (_gate)
        {
            problems = [.. _problems];
        }

        return new ChaosResult(scenario, events, faults, Lost, Doubled, Wrong, deadLetters, elapsed, problems);
    }

    private void Add(long lost, long doubled, long wrong, string problem, bool always = false)
    {
        lock (_gate)
        {
            Lost += lost;
            Doubled += doubled;
            Wrong += wrong;
            if (always)
            {
                // A broken harness explains everything else: list it first, whatever came before.
                _problems.Insert(0, problem);
            }
            else if (lost + doubled + wrong > 0 && _problems.Count < MaxProblems)
            {
                _problems.Add(problem);
            }
        }
    }
}
