using System.Diagnostics;
using StreamRead.Bench.Workload;
using StreamRead.Bench.Reporting;
using StreamRead.Contracts.Events;
using StreamRead.Model;
using StreamRead.Runtime.State;

namespace StreamRead.Bench.Scenarios;

/// <summary>
/// Issue 6 figure 4a: managed memory of the processor's state per watermark, with 1,000,000
/// watermarks (1,000 groups of 1,000; every user in 10 groups). Events go through the task's
/// <see cref="ReadStateStore"/> with a fresh user id string each, as parsed records bring them;
/// memory is <see cref="GC.GetTotalMemory(bool)"/> after full collections, before and after.
/// </summary>
internal sealed class StateMemoryScenario : IBenchScenario
{
    private const int Messages = 10;

    public string Name => "memory";

    public string Title => "processor state bytes per watermark";

    public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var layout = new MembershipLayout(context.Size(1_000, 100), 1_000);
        context.Progress($"{layout.Watermarks:N0} watermarks: {layout.Conversations:N0} groups of {layout.Members:N0}, {layout.Population:N0} users");
        var before = SettledMemory();
        var clock = Stopwatch.StartNew();
        var store = Build(layout);
        var applied = clock.Elapsed;
        var after = SettledMemory();
        var members = store.MemberCount;
        if (members != layout.Watermarks)
        {
            throw new InvalidOperationException($"the store holds {members:N0} members, expected {layout.Watermarks:N0}");
        }

        var perWatermark = (after - before) / (double)layout.Watermarks;
        GC.KeepAlive(store);
        context.Add(BenchFigure.AtMost(Name, "state per watermark", perWatermark, "B", 64));
        context.Note($"{(after - before) / 1024.0 / 1024.0:0.0} MiB managed for {layout.Watermarks:N0} watermarks in {layout.Conversations:N0} conversations " +
            $"({Messages} messages each) of {layout.Population:N0} users; applying the {layout.Watermarks + (layout.Conversations * Messages):N0} events took {applied.TotalSeconds:0.0} s in-process " +
            $"({(layout.Watermarks + (layout.Conversations * Messages)) / applied.TotalSeconds:N0} events/s)");
        return Task.CompletedTask;
    }

    /// <summary>Messages 1..10 from member 0, then every member reads them all (a public watermark of 10).</summary>
    internal static ReadStateStore Build(MembershipLayout layout)
    {
        var store = new ReadStateStore(new ModelOptions());
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        for (var c = 0; c < layout.Conversations; c++)
        {
            var conversation = layout.ConversationId(c);
            var sender = layout.UserId(c, 0);
            for (var seq = 1; seq <= Messages; seq++)
            {
                store.Apply(new MessageSent(conversation, seq, sender, at), at.ToUnixTimeMilliseconds());
            }

            for (var m = 0; m < layout.Members; m++)
            {
                store.Apply(new ReadReported(conversation, layout.UserId(c, m), Messages, at.AddSeconds(1)), at.AddSeconds(1).ToUnixTimeMilliseconds());
            }

            store.DrainChanges();
        }

        return store;
    }

    internal static long SettledMemory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
