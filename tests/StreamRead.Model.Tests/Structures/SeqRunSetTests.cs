using FsCheck;
using FsCheck.Fluent;
using StreamRead.Model.Structures;
using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Structures;

/// <summary>Known seqs as runs: gaps allowed, appends cheap, out-of-order inserts still exact (SPEC 1, 2.4).</summary>
public sealed class SeqRunSetTests
{
    [Fact]
    public void InsertsInAnyOrder_AnswerLikeASortedSet()
    {
        var inserts = Gen.ArrayOf(Gen.Frequency((4, Gen.Choose(1, 60)), (1, Gen.Choose(1, 5000)))).ToArbitrary();
        PropertyCheck.Hold(inserts, 500, seqs =>
        {
            var runs = new SeqRunSet();
            var set = new SortedSet<long>();
            foreach (int seq in seqs)
            {
                long rank = runs.Add(seq);
                Assert.Equal(set.Add(seq) ? set.Count(s => s < seq) : -1, rank);
            }

            Assert.Equal(set.Count, runs.Count);
            Assert.Equal(set.Count == 0 ? 0 : set.Max, runs.Max);
            for (long probe = -1; probe <= (set.Count == 0 ? 3 : set.Max + 2); probe++)
            {
                Assert.Equal(set.Contains(probe), runs.Contains(probe));
                Assert.Equal(set.Count(s => s <= probe), runs.CountAtMost(probe));
                Assert.Equal(set.Count(s => s > probe), runs.CountAbove(probe));
                Assert.Equal(set.Where(s => s <= probe).DefaultIfEmpty(0).Max(), runs.Floor(probe));
            }

            // Runs are maximal: consecutive seqs share one run, runs are separated by gaps.
            var expectedRuns = new List<(long, long)>();
            foreach (long seq in set)
            {
                if (expectedRuns.Count > 0 && expectedRuns[^1].Item2 + 1 == seq)
                {
                    expectedRuns[^1] = (expectedRuns[^1].Item1, seq);
                }
                else
                {
                    expectedRuns.Add((seq, seq));
                }
            }

            Assert.Equal(expectedRuns, Enumerable.Range(0, runs.RunCount).Select(runs.RunAt));
            Assert.All(Enumerable.Range(0, set.Count), rank => Assert.Equal(set.ElementAt(rank), runs.SeqAt(rank)));
        });
    }

    [Fact]
    public void AContiguousHistory_IsOneRun()
    {
        var runs = new SeqRunSet();
        for (long seq = 1; seq <= 10_000; seq++)
        {
            runs.Add(seq);
        }

        Assert.Equal(1, runs.RunCount);
        Assert.Equal(5_000, runs.CountAbove(5_000));
    }
}
