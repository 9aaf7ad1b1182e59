using StreamRead.Contracts.Events;
using StreamRead.LoadGen;
using StreamRead.LoadGen.Workload;
using Xunit;

namespace StreamRead.Api.Tests.Demo;

/// <summary>The demo workload of <c>streamread up</c>: its shape, and the irregularities it feeds the pipeline (run in virtual time).</summary>
public sealed class LoadGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly LoadGenOptions Options = new() { MessagesPerSecond = 50, Conversations = 200, LargestGroup = 10_000, Users = 20_000 };

    [Fact]
    public void Conversations_range_from_one_to_one_up_to_the_largest_group()
    {
        var events = Run(Options, TimeSpan.Zero);
        var sizes = events.OfType<MembershipChanged>().GroupBy(m => m.ConversationId).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(200, sizes.Count);
        Assert.Equal(2, sizes.Values.Min());
        Assert.Equal(10_000, sizes["demo-all-hands"]);
        Assert.All(DemoWorkload.FeaturedConversationIds, id => Assert.Contains(id, sizes.Keys));
        Assert.All(DemoWorkload.FeaturedConversationIds, id =>
            Assert.Contains(events.OfType<MembershipChanged>(), m => m.ConversationId == id && m.UserId == DemoWorkload.FeaturedUserId));
    }

    [Fact]
    public void Seqs_increase_per_conversation_and_members_join_before_the_first_message()
    {
        var events = Run(Options, TimeSpan.FromMinutes(2));
        var messages = events.OfType<MessageSent>().ToList();
        var firstMessage = new Dictionary<string, int>();
        var lastInitialJoin = new Dictionary<string, int>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is MessageSent m)
            {
                firstMessage.TryAdd(m.ConversationId, i);
            }
            else if (events[i] is MembershipChanged j && j.At < Start)
            {
                lastInitialJoin[j.ConversationId] = i;
            }
        }

        Assert.True(messages.Count > 1000, $"only {messages.Count} messages in 2 minutes at 50/s");
        Assert.All(messages.GroupBy(m => m.ConversationId), g => Assert.Equal(g.Select(m => m.Seq).Order(), g.Select(m => m.Seq)));
        Assert.All(messages.GroupBy(m => m.ConversationId), g => Assert.Equal(g.Count(), g.Select(m => m.Seq).Distinct().Count()));
        Assert.All(lastInitialJoin, j => Assert.True(j.Value < firstMessage.GetValueOrDefault(j.Key, int.MaxValue), $"{j.Key}: a member joins after the first message"));
        Assert.Contains(messages, m => m.Kind == ConversationKind.Direct);
    }

    [Fact]
    public void Reads_include_duplicates_stale_reports_private_reads_and_reads_before_their_message()
    {
        var events = Run(Options, TimeSpan.FromMinutes(2));
        var reads = events.OfType<ReadReported>().ToList();
        var lastSeq = new Dictionary<string, long>();
        var highest = new Dictionary<(string, string), long>();
        int early = 0, stale = 0;
        foreach (var e in events)
        {
            if (e is MessageSent m)
            {
                lastSeq[m.ConversationId] = m.Seq;
            }
            else if (e is ReadReported r)
            {
                early += r.ReadSeq > lastSeq.GetValueOrDefault(r.ConversationId) ? 1 : 0;
                stale += r.ReadSeq < highest.GetValueOrDefault((r.ConversationId, r.UserId)) ? 1 : 0;
                highest[(r.ConversationId, r.UserId)] = Math.Max(r.ReadSeq, highest.GetValueOrDefault((r.ConversationId, r.UserId)));
            }
        }

        Assert.True(reads.Count > events.OfType<MessageSent>().Count(), "fewer reads than messages");
        Assert.True(reads.GroupBy(r => r).Any(g => g.Count() > 1), "no duplicate read report");
        Assert.True(stale > 0, "no read report below the user's earlier one");
        Assert.True(reads.Any(r => r.Private), "no private read report");
        Assert.True(early > 0, "no read report ahead of its message");
        Assert.Contains(events.OfType<MembershipChanged>(), m => m.Change == MembershipChange.Left);
    }

    [Fact]
    public void The_same_seed_gives_the_same_workload()
    {
        var first = Run(Options, TimeSpan.FromSeconds(30));
        var second = Run(Options, TimeSpan.FromSeconds(30));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Too_few_users_for_the_largest_group_is_refused_with_the_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => DemoWorkload.Create(new LoadGenOptions { LargestGroup = 500, Users = 100 }));

        Assert.Contains("LoadGen:Users (100) must be at least LoadGen:LargestGroup (500)", error.Message, StringComparison.Ordinal);
    }

    private static List<IChatEvent> Run(LoadGenOptions options, TimeSpan duration)
    {
        var producer = new RecordingProducer();
        var generator = new LoadGenerator(producer, options);
        generator.Start(Start);
        for (var t = TimeSpan.Zero; t <= duration; t += TimeSpan.FromMilliseconds(100))
        {
            generator.RunDue(Start + t);
        }

        return producer.Events;
    }
}
