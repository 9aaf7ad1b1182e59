using System.CommandLine;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StreamRead.Kafka.Configuration;
using StreamRead.Kafka.Topics;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread topics list|create</c>: shows the topic definitions of <c>topics/</c> and creates
/// them on a real cluster (the dev broker creates them itself).
/// </summary>
internal static partial class TopicsCommand
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var folder = CreateFolderOption();
        folder.Recursive = true;
        var command = new Command("topics", "Show or create the topics defined in topics/*.topic.json") { folder };
        command.Subcommands.Add(CreateList(folder));
        command.Subcommands.Add(CreateCreate(folder));
        return command;
    }

    /// <summary>The <c>--topics</c> option naming the definitions folder.</summary>
    public static Option<DirectoryInfo?> CreateFolderOption() => new("--topics")
    {
        Description = "Folder of *.topic.json definitions (default: topics/ of the repository, or the copy beside the program)",
    };

    /// <summary>
    /// Runs a command body, printing a <see cref="CliException"/> as one error (no stack trace) with
    /// exit code 1. Program.cs has no central handler yet; with one, this can go.
    /// </summary>
    public static async Task<int> ReportingUserErrorsAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"streamread: error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Loads the catalog, turning definition problems into the CLI's user errors.</summary>
    public static TopicCatalog LoadCatalog(DirectoryInfo? folder)
    {
        try
        {
            return TopicCatalog.LoadDefault(folder?.FullName);
        }
        catch (TopicCatalogException ex)
        {
            throw new CliException(ex.Message, ex);
        }
    }

    private static Command CreateList(Option<DirectoryInfo?> folder)
    {
        var command = new Command("list", "Print every topic definition: partitions, replication, cleanup policy, schema");
        command.SetAction((parse, _) => ReportingUserErrorsAsync(() =>
        {
            var catalog = LoadCatalog(parse.GetValue(folder));
            Console.WriteLine($"topics defined in {catalog.Folder}:");
            Console.WriteLine($"  {"NAME",-32} {"PARTITIONS",10} {"RF",3}  {"CLEANUP",-8} SCHEMA");
            foreach (var topic in catalog.Topics)
            {
                var cleanup = topic.Configs.GetValueOrDefault("cleanup.policy", "delete");
                Console.WriteLine($"  {topic.Name,-32} {topic.Partitions,10} {topic.ReplicationFactor,3}  {cleanup,-8} {topic.Schema ?? "-"}");
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreateCreate(Option<DirectoryInfo?> folder)
    {
        var bootstrap = new Option<string?>("--bootstrap-servers")
        {
            Description = "Brokers to connect to (default: Kafka:BootstrapServers of the configuration)",
        };
        var replication = new Option<short?>("--replication-factor")
        {
            Description = "Replication factor for every created topic, overriding the definitions (1 on a one-broker cluster)",
        };
        var command = new Command(
            "create",
            "Create every topic of topics/ on a Kafka cluster with its partitions and configs; existing topics are checked, never changed")
        {
            bootstrap,
            replication,
        };
        command.SetAction((parse, cancellationToken) => ReportingUserErrorsAsync(async () =>
        {
            var catalog = LoadCatalog(parse.GetValue(folder));
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(bootstrap) is { } servers)
            {
                overrides[$"{KafkaOptions.SectionName}:{nameof(KafkaOptions.BootstrapServers)}"] = servers;
            }

            var configuration = CliHost.CreateBuilder(parse, overrides).Configuration;
            var options = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();
            await CreateTopicsAsync(catalog, CreateClientConfigs(options), parse.GetValue(replication), cancellationToken);
            return 0;
        }));
        return command;
    }

    private static async Task CreateTopicsAsync(
        TopicCatalog catalog, KafkaClientConfigFactory clientConfigs, short? replicationOverride, CancellationToken cancellationToken)
    {
        // librdkafka's own log lines would bury the one error this command prints; keep the last
        // warning to name the cause (refused connection, failed authentication, ...).
        string? lastBrokerProblem = null;
        using var admin = new AdminClientBuilder(clientConfigs.CreateAdminClientConfig())
            .SetLogHandler((_, message) => lastBrokerProblem = message.Level <= SyslogLevel.Warning ? WithoutThreadPrefix(message.Message) : lastBrokerProblem)
            .Build();
        var metadata = GetMetadata(admin, clientConfigs.BootstrapServers, () => lastBrokerProblem);
        var existing = metadata.Topics.Where(t => !t.Error.IsError).ToDictionary(t => t.Topic, t => t.Partitions.Count);

        // Check everything before creating anything, so a failed run changes nothing.
        var problems = new List<string>();
        foreach (var topic in catalog.Topics)
        {
            if (existing.TryGetValue(topic.Name, out var partitions) && partitions != topic.Partitions)
            {
                problems.Add(
                    $"topic {topic.Name} exists with {partitions} partitions but {TopicCatalog.FolderName}/{topic.Name}{TopicCatalog.FileSuffix} " +
                    $"defines {topic.Partitions}: changing the count moves conversations to other partitions, so either recreate the topic " +
                    "(deleting its data) or change the definition to match (the input topics and the changelog must stay equal)");
            }
        }

        var missing = catalog.Topics.Where(t => !existing.ContainsKey(t.Name)).ToList();
        var brokers = metadata.Brokers.Count;
        foreach (var topic in missing)
        {
            var replicationFactor = replicationOverride ?? topic.ReplicationFactor;
            if (replicationFactor < 1 || replicationFactor > brokers)
            {
                problems.Add(
                    $"topic {topic.Name} needs replication factor {replicationFactor} but the cluster has {brokers} broker(s): " +
                    $"pass --replication-factor {Math.Min(brokers, 3)} (1 suits a development cluster) or add brokers");
            }
        }

        if (problems.Count > 0)
        {
            throw new CliException(string.Join(Environment.NewLine, problems));
        }

        foreach (var topic in catalog.Topics.Where(t => existing.ContainsKey(t.Name)))
        {
            Console.WriteLine($"exists   {topic.Name} ({topic.Partitions} partitions)");
        }

        if (missing.Count == 0)
        {
            return;
        }

        var specifications = missing.Select(t => new TopicSpecification
        {
            Name = t.Name,
            NumPartitions = t.Partitions,
            ReplicationFactor = replicationOverride ?? t.ReplicationFactor,
            Configs = t.Configs.ToDictionary(),
        }).ToList();
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = CreateTimeout, OperationTimeout = CreateTimeout });
        }
        catch (CreateTopicsException ex)
        {
            // A topic created meanwhile by someone else counts as done; its partitions were checked above or will be next run.
            foreach (var result in ex.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists))
            {
                failed[result.Topic] = result.Error.Reason;
            }
        }
        catch (KafkaException ex)
        {
            throw new CliException(
                $"creating topics on {clientConfigs.BootstrapServers} failed ({ex.Error.Reason}). The dev broker does not support " +
                "CreateTopics: it creates every topic of topics/ itself at start, so restart it instead.", ex);
        }

        foreach (var specification in specifications.Where(s => !failed.ContainsKey(s.Name)))
        {
            Console.WriteLine($"created  {specification.Name} ({specification.NumPartitions} partitions, replication {specification.ReplicationFactor})");
        }

        if (failed.Count > 0)
        {
            throw new CliException(
                string.Join(Environment.NewLine, failed.Select(f => $"topic {f.Key} was not created: {f.Value}")) + Environment.NewLine +
                "fix the definition or the cluster's limits, then run topics create again");
        }
    }

    /// <summary>"[thrd:app]: streamread#producer-1: 127.0.0.1:1/bootstrap: Connect ... failed" -> "127.0.0.1:1/bootstrap: Connect ... failed".</summary>
    private static string WithoutThreadPrefix(string message) => LogPrefix().Replace(message, "");

    [GeneratedRegex(@"^(\[thrd:[^\]]*\]: )?(\S+#\S+: )?")]
    private static partial Regex LogPrefix();

    private static KafkaClientConfigFactory CreateClientConfigs(KafkaOptions options)
    {
        try
        {
            return new KafkaClientConfigFactory(options);
        }
        catch (OptionsValidationException ex)
        {
            throw new CliException(string.Join(Environment.NewLine, ex.Failures), ex);
        }
    }

    private static Metadata GetMetadata(IAdminClient admin, string bootstrapServers, Func<string?> lastBrokerProblem)
    {
        try
        {
            return admin.GetMetadata(MetadataTimeout);
        }
        catch (KafkaException ex)
        {
            throw new CliException(
                $"cannot reach Kafka at {bootstrapServers} ({lastBrokerProblem() ?? ex.Error.Reason}): start it (./streamread dev-broker, or your cluster) " +
                "or point to it with --bootstrap-servers or Kafka:BootstrapServers (env STREAMREAD_Kafka__BootstrapServers)", ex);
        }
    }
}
