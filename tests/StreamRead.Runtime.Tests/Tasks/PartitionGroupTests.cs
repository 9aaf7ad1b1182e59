using FsCheck;
using FsCheck.Fluent;
using StreamRead.Runtime.Tasks;
using Xunit;

namespace StreamRead.Runtime.Tests.Tasks;

public sealed class PartitionGroupTests
{
    [Fact]
    public void Records_come_out_in_timestamp_order_with_ties_to_the_lower_partition()
    {
        var group = new PartitionGroup<string>(3);
        group.Add(1, 10, "read@10");
        group.Add(0, 10, "message@10");
        group.Add(2, 5, "member@5");
        group.Add(0, 20, "message@20");

        var order = Drain(group, _ => true);

        Assert.Equal(["member@5", "message@10", "read@10", "message@20"], order);
    }

    [Fact]
    public void The_group_waits_for_a_partition_that_may_still_deliver_an_earlier_record()
    {
        var group = new PartitionGroup<string>(2);
        group.Add(0, 10, "a");

        Assert.False(group.TryTakeNext(_ => false, out _));
        Assert.Equal(1, group.Count);
        Assert.True(group.TryTakeNext(_ => true, out var item));
        Assert.Equal("a", item);
    }

    [Fact]
    public void Output_is_a_merge_that_keeps_each_partitions_order()
    {
        var input = Gen.ArrayOf(Gen.Choose(0, 2).Zip(Gen.Choose(0, 50)));
        Prop.ForAll(input.ToArbitrary(), records =>
        {
            var group = new PartitionGroup<(int Partition, int Index)>(3);
            var index = 0;
            foreach (var (partition, timestamp) in records)
            {
                group.Add(partition, timestamp, (partition, index++));
            }

            var output = Drain(group, _ => true);

            Assert.Equal(records.Length, output.Count);
            for (var p = 0; p < 3; p++)
            {
                var own = output.Where(o => o.Partition == p).Select(o => o.Index).ToList();
                Assert.Equal(own.Order(), own);
            }
        }).QuickCheckThrowOnFailure();
    }

    private static List<T> Drain<T>(PartitionGroup<T> group, Func<int, bool> mayPassOver)
    {
        var output = new List<T>();
        while (group.TryTakeNext(mayPassOver, out var item))
        {
            output.Add(item);
        }

        return output;
    }
}
