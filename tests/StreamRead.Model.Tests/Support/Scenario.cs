using StreamRead.Model;

namespace StreamRead.Model.Tests.Support;

/// <summary>
/// One abstract step of a generated history. <see cref="Scenario.Events"/> interprets the steps on a
/// timeline, so removing steps (shrinking) still yields a valid history.
/// </summary>
internal readonly record struct Step(StepKind Kind, int User, int TimeAdvance, int A, int B, bool DrainAfter);

/// <summary>What a <see cref="Step"/> produces.</summary>
internal enum StepKind
{
    Message,
    Read,
    Join,
    Leave,
    Duplicate,
}

/// <summary>How a generated history looks.</summary>
/// <param name="Users">How many users take part (u0, u1, ...).</param>
/// <param name="WindowMs">The early-read window.</param>
/// <param name="HotWindowSize">The hot window.</param>
/// <param name="StaleReads">
/// Some reports are first applied after their window closed. Exact while the hot window holds the
/// messages beyond that window (docs/design.md), so only used with a hot window holding every message.
/// </param>
/// <param name="ExplicitAfterSeq">Every join names its afterSeq (the permutation properties need it: an absent one depends on arrival order).</param>
/// <param name="MixedKinds">Messages alternate group and direct kinds.</param>
internal sealed record HistorySettings(int Users, long WindowMs, int HotWindowSize, bool StaleReads, bool ExplicitAfterSeq, bool MixedKinds)
{
    public ModelOptions ToOptions() => new()
    {
        EarlyReadWindow = TimeSpan.FromMilliseconds(WindowMs),
        HotWindowSize = HotWindowSize,
        MaxPendingReadsPerMember = 64, // properties stay away from the cap; examples pin it
    };
}

/// <summary>A generated history: settings, steps, and random keys for permutations and duplicates.</summary>
internal sealed record Scenario(HistorySettings Settings, Step[] Steps, int[] Keys)
{
    public const long Start = 1_700_000_000_000;

    private List<(HistoryEvent Event, bool DrainAfter)>? timeline;

    // `with` must not copy the interpreted timeline of the original steps.
    private Scenario(Scenario original)
    {
        Settings = original.Settings;
        Steps = original.Steps;
        Keys = original.Keys;
    }

    /// <summary>The history in timeline order: messages with seqs and times increasing, gaps allowed.</summary>
    public IReadOnlyList<HistoryEvent> Events => Timeline.ConvertAll(x => x.Event);

    private List<(HistoryEvent Event, bool DrainAfter)> Timeline => timeline ??= Interpret();

    /// <summary>The events in a random order (keys), with random extra duplicates.</summary>
    public IReadOnlyList<HistoryEvent> Permuted() =>
        WithDuplicates().OrderBy(x => x.Key).ThenBy(x => x.Index).Select(x => x.Event).ToList();

    /// <summary>
    /// Like <see cref="Permuted"/>, but messages keep their seq order (as one Kafka partition delivers
    /// them); reads and membership events move freely around them.
    /// </summary>
    public IReadOnlyList<HistoryEvent> PermutedKeepingMessageOrder()
    {
        var order = Permuted().ToList();
        var messages = order.OfType<MessageEvent>().OrderBy(m => m.Seq).ToList();
        int next = 0;
        for (int i = 0; i < order.Count; i++)
        {
            if (order[i] is MessageEvent)
            {
                order[i] = messages[next++];
            }
        }

        return order;
    }

    public override string ToString() =>
        $"{Settings}{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", Events.Select((e, i) => $"{i}: {e}{(DrainAfterEvent(i) ? "  [drain]" : "")}"))}";

    /// <summary>Whether the step that produced event <paramref name="index"/> asks for a drain after it.</summary>
    public bool DrainAfterEvent(int index) => Timeline[index].DrainAfter;

    private IEnumerable<(HistoryEvent Event, int Key, int Index)> WithDuplicates()
    {
        for (int i = 0; i < Events.Count; i++)
        {
            yield return (Events[i], Key(i), i);
            if (Key(i + 7) % 5 == 0)
            {
                yield return (Events[i], Key(i + 13), i);
            }
        }
    }

    private int Key(int i) => Keys.Length == 0 ? i : Keys[i % Keys.Length];

    private List<(HistoryEvent Event, bool DrainAfter)> Interpret()
    {
        var result = new List<(HistoryEvent Event, bool DrainAfter)>();
        long now = Start;
        long seq = 0;
        long window = Settings.WindowMs;
        foreach (Step step in Steps)
        {
            string user = $"u{step.User % Settings.Users}";
            now += step.TimeAdvance;
            switch (step.Kind)
            {
                case StepKind.Message:
                    seq += 1 + (step.A % 3 == 0 ? step.B % 3 : 0); // gaps: recalled messages
                    bool direct = Settings.MixedKinds ? step.B % 2 == 0 : false;
                    result.Add((new MessageEvent(seq, user, direct, now - step.B % 5, now), step.DrainAfter));
                    break;
                case StepKind.Read:
                    long readSeq = (step.A % 6) switch
                    {
                        0 => Math.Max(0, seq - step.B % 4),
                        1 => seq,
                        2 => seq + 1 + step.B % 3, // ahead of the known messages: an early read
                        3 => 1_000_000_000_000_000, // SPEC 2.5's buggy client
                        4 => seq + 1,
                        _ => step.B % (seq + 1),
                    };
                    long time = Settings.StaleReads && step.A % 7 == 6 ? now - window - 1 - step.B * 3 : now;
                    result.Add((new ReadEvent(user, readSeq, step.B % 3 == 0, time), step.DrainAfter));
                    break;
                case StepKind.Join:
                    long? afterSeq = (step.B % 5) switch
                    {
                        0 => 0,
                        1 => seq,
                        2 => Math.Max(0, seq - 2),
                        3 => seq + 1,
                        _ => Settings.ExplicitAfterSeq ? step.A % (seq + 1) : null,
                    };
                    result.Add((new MembershipEvent(user, true, MembershipTime(step, now), afterSeq, now), step.DrainAfter));
                    break;
                case StepKind.Leave:
                    result.Add((new MembershipEvent(user, false, MembershipTime(step, now), null, now), step.DrainAfter));
                    break;
                case StepKind.Duplicate when result.Count > 0:
                    // A redelivery, possibly long after the original (its window closed, its messages evicted).
                    result.Add((result[(step.A * 31 + step.B) % result.Count].Event, step.DrainAfter));
                    break;
            }
        }

        return result;
    }

    // Sometimes late (an older `at` than events already applied), sometimes equal to another
    // event's, to exercise the last-writer-wins order and its ties.
    private static long MembershipTime(Step step, long now) => (step.A % 4) switch
    {
        0 => now - step.B * 5,
        1 => Start + step.B % 3,
        _ => now,
    };
}
