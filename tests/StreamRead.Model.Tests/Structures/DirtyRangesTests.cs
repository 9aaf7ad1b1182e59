using FsCheck;
using FsCheck.Fluent;
using StreamRead.Model.Structures;
using StreamRead.Model.Tests.Support;

namespace StreamRead.Model.Tests.Structures;

/// <summary>Dirty ranges may over-approximate (merging) but never lose a seq, and stay sorted and disjoint.</summary>
public sealed class DirtyRangesTests
{
    [Fact]
    public void EveryAddedSeq_IsCovered_ByDisjointSortedRanges()
    {
        var adds = Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 300), Gen.Choose(0, 20))).ToArbitrary();
        PropertyCheck.Hold(adds, 500, ranges =>
        {
            var dirty = new DirtyRanges();
            foreach (var (low, length) in ranges)
            {
                dirty.Add(low, low + length);
            }

            Assert.True(dirty.Ranges.Count <= 16);
            for (int i = 1; i < dirty.Ranges.Count; i++)
            {
                Assert.True(dirty.Ranges[i - 1].High < dirty.Ranges[i].Low, "ranges must be sorted, disjoint and not touching");
            }

            foreach (var (low, length) in ranges)
            {
                for (long seq = low + 1; seq <= low + length; seq++)
                {
                    Assert.Contains(dirty.Ranges, r => r.Low < seq && seq <= r.High);
                }
            }
        });
    }
}
