using System.CommandLine;
using System.Globalization;
using StreamRead.LoadGen;
using StreamRead.LoadGen.Hosting;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread loadgen</c>: the demo workload (conversations from 1:1 up to a 10,000-member
/// group, messages and reads with realistic delays, some duplicate, out-of-order, private and early
/// reads) produced into Kafka through the gateway producer, until Ctrl-C or <c>--duration</c>.
/// </summary>
internal static class LoadgenCommand
{
    public static Command Create()
    {
        var bootstrap = CommonOptions.BootstrapServers();
        var rate = new Option<double?>("--rate") { Description = "Messages per second over all conversations (default 20; reads follow, several per message)" };
        var conversations = new Option<int?>("--conversations") { Description = "Conversations, 4 showcase ones included (default 500)" };
        var largest = new Option<int?>("--largest-group") { Description = "Members of the largest group (default 10000)" };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long, e.g. 90s, 5m, 1h (default: until Ctrl-C)" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the random choices: the same seed gives the same workload (default 42)" };
        var command = new Command("loadgen", "Produce the demo chat workload into chat.messages, chat.reads and chat.members until Ctrl-C.")
        {
            bootstrap, rate, conversations, largest, duration, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = CommonOptions.Overrides(parse, (bootstrap, ["Kafka:BootstrapServers"]));
            Set(overrides, "MessagesPerSecond", parse.GetValue(rate));
            Set(overrides, "Conversations", parse.GetValue(conversations));
            Set(overrides, "LargestGroup", parse.GetValue(largest));
            Set(overrides, "Seed", parse.GetValue(seed));
            if (parse.GetValue(largest) is { } members)
            {
                // Enough distinct users for the largest group, unless configured otherwise.
                overrides["LoadGen:Users"] = Math.Max(members * 2, 20_000).ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(duration) is { } text)
            {
                overrides["LoadGen:Duration"] = ParseDuration(text).ToString("c", CultureInfo.InvariantCulture);
            }

            var builder = CliHost.CreateBuilder(parse, overrides);
            builder.Services.AddStreamReadLoadGen();
            using var host = builder.Build();
            return await ServiceHost.RunAsync(host, cancellationToken);
        });
        return command;
    }

    /// <summary>"90s", "5m", "1h", or a TimeSpan such as "00:05:00".</summary>
    internal static TimeSpan ParseDuration(string text)
    {
        var value = text.Trim();
        if (value.Length > 1 && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            switch (char.ToLowerInvariant(value[^1]))
            {
                case 's': return TimeSpan.FromSeconds(number);
                case 'm': return TimeSpan.FromMinutes(number);
                case 'h': return TimeSpan.FromHours(number);
            }
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new CliException($"--duration '{text}' is not a duration: use e.g. 90s, 5m, 1h or 00:05:00");
    }

    private static void Set<T>(Dictionary<string, string?> overrides, string key, T? value)
        where T : struct, IFormattable
    {
        if (value is { } v)
        {
            overrides[$"{LoadGenOptions.SectionName}:{key}"] = v.ToString(null, CultureInfo.InvariantCulture);
        }
    }
}
