namespace StreamRead.LoadGen.Workload;

/// <summary>
/// The conversations of the demo, built deterministically from <see cref="LoadGenOptions.Seed"/>:
/// four showcase conversations that the live page shows (a 1:1, a team of 8, a project group of
/// 150 and an all-hands group of <see cref="LoadGenOptions.LargestGroup"/>, all with the showcase
/// user u-1), then mostly 1:1 conversations, small teams, some medium and a few large groups.
/// </summary>
public sealed class DemoWorkload
{
    /// <summary>The user whose badges the live page shows; a member of every showcase conversation.</summary>
    public const string FeaturedUserId = "u-1";

    /// <summary>The showcase conversations, in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> FeaturedConversationIds = ["demo-direct", "demo-team", "demo-project", "demo-all-hands"];

    private DemoWorkload(IReadOnlyList<DemoConversation> conversations) => Conversations = conversations;

    internal IReadOnlyList<DemoConversation> Conversations { get; }

    /// <summary>Memberships the workload starts with (one joined event each).</summary>
    public long MembershipCount => Conversations.Sum(c => (long)c.Members.Length);

    /// <summary>Builds the conversations for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options cannot make such a workload (too few users for the largest group).</exception>
    public static DemoWorkload Create(LoadGenOptions options)
    {
        if (options.Users < options.LargestGroup)
        {
            throw new ArgumentException(
                $"LoadGen:Users ({options.Users}) must be at least LoadGen:LargestGroup ({options.LargestGroup}): every member of the largest group is a distinct user",
                nameof(options));
        }

        var random = new Random(options.Seed);
        var conversations = new List<DemoConversation>(options.Conversations)
        {
            new("demo-direct", ConversationSize.Direct, [1, 2], 0.04),
            new("demo-team", ConversationSize.Small, Range(1, Math.Min(8, options.LargestGroup)), 0.06),
            new("demo-project", ConversationSize.Medium, Range(1, Math.Min(150, options.LargestGroup)), 0.05),
            new("demo-all-hands", ConversationSize.Large, Range(1, options.LargestGroup), 0.04),
        };

        // The rest share the remaining 81 % of the traffic; bigger groups talk more.
        for (var i = conversations.Count; i < options.Conversations; i++)
        {
            var roll = random.NextDouble();
            var (size, name, members, weight) = roll switch
            {
                < 0.60 => (ConversationSize.Direct, "dm", 2, 1.0),
                < 0.90 => (ConversationSize.Small, "team", random.Next(3, 21), 2.0),
                < 0.99 => (ConversationSize.Medium, "group", random.Next(21, 301), 3.0),
                _ => (ConversationSize.Large, "large", random.Next(301, Math.Max(302, Math.Min(2_000, options.LargestGroup) + 1)), 4.0),
            };
            members = Math.Min(members, options.Users);
            conversations.Add(new DemoConversation($"{name}-{i}", size, Sample(random, members, options.Users), weight));
        }

        var featured = conversations.Take(4).Sum(c => c.Weight);
        var others = conversations.Skip(4).Sum(c => c.Weight);
        var scale = others > 0 ? (1 - featured) / others : 0;
        return new DemoWorkload([.. conversations.Take(4), .. conversations.Skip(4).Select(c => new DemoConversation(c.Id, c.Size, c.Members, c.Weight * scale))]);
    }

    private static int[] Range(int first, int last) => [.. Enumerable.Range(first, last - first + 1)];

    /// <summary><paramref name="count"/> distinct users out of 1..<paramref name="users"/>.</summary>
    private static int[] Sample(Random random, int count, int users)
    {
        var chosen = new HashSet<int>(count);
        while (chosen.Count < count)
        {
            chosen.Add(random.Next(1, users + 1));
        }

        return [.. chosen];
    }
}
