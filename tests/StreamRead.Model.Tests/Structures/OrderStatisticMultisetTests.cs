using FsCheck;
using FsCheck.Fluent;
using StreamRead.Model.Structures;
using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Structures;

/// <summary>The counting index behind every read count (SPEC 2.3) behaves as a sorted list.</summary>
public sealed class OrderStatisticMultisetTests
{
    private static readonly Gen<long> Values = Gen.Frequency(
        (8, Gen.Choose(-3, 40).Select(v => (long)v)),
        (1, Gen.Elements(long.MinValue, long.MaxValue, 1_000_000_000_000_000L, 0L)));

    // (true, v): add v; (false, i): remove the i-th present value (mod count), or add when empty.
    private static readonly Arbitrary<(bool Add, long Value)[]> Operations =
        Gen.ArrayOf(Gen.Zip(Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false))), Values)).ToArbitrary();

    [Fact]
    public void RandomAddsAndRemoves_CountLikeASortedList()
    {
        PropertyCheck.Hold(Operations, 500, operations =>
        {
            var multiset = new OrderStatisticMultiset();
            var sorted = new List<long>();
            foreach (var (add, value) in operations)
            {
                if (add || sorted.Count == 0)
                {
                    multiset.Add(value);
                    int at = sorted.BinarySearch(value);
                    sorted.Insert(at < 0 ? ~at : at, value);
                }
                else
                {
                    long present = sorted[(int)((value % sorted.Count + sorted.Count) % sorted.Count)];
                    multiset.Remove(present);
                    sorted.Remove(present);
                }

                Assert.Equal(sorted.Count, multiset.Count);
                Assert.Equal(sorted.Distinct().Count(), multiset.DistinctCount);
                foreach (long probe in new[] { value - 1, value, value + 1, long.MinValue, long.MaxValue, 0 })
                {
                    Assert.Equal(sorted.Count(v => v < probe), multiset.CountLess(probe));
                }
            }

            Assert.Equal(
                sorted.GroupBy(v => v).Select(g => (g.Key, g.Count())),
                multiset.Items());
            Assert.All(sorted.Distinct(), v => Assert.Equal(sorted.Count(x => x == v), multiset.CountOf(v)));
        });
    }

    [Fact]
    public void Memory_GrowsWithDistinctValues_NotWithMultiplicity()
    {
        var multiset = new OrderStatisticMultiset();
        for (int i = 0; i < 100_000; i++)
        {
            multiset.Add(i % 3);
        }

        Assert.Equal(100_000, multiset.Count);
        Assert.Equal(3, multiset.DistinctCount);
        Assert.Equal(33_334, multiset.CountLess(1));
    }

    [Fact]
    public void RemovingAnAbsentValue_ReportsABrokenInvariant()
    {
        var multiset = new OrderStatisticMultiset();
        multiset.Add(5);

        var error = Assert.Throws<InvalidOperationException>(() => multiset.Remove(6));

        Assert.Contains("6", error.Message);
    }
}
