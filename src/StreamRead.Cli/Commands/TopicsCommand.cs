using System.CommandLine;
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
internal static class TopicsCommand
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

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
        // Names the cause of a failure (refused connection, failed authentication, ...).
        var brokerWarning = new LastBrokerWarning();
        using var admin = new AdminClientBuilder(clientConfigs.CreateAdminClientConfig()).SetLogHandler(brokerWarning.Record).Build();
        var metadata = GetMetadata(admin, clientConfigs.BootstrapServers, brokerWarning);
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
        TopicCreationException? failed = null;
        try
        {
            // A topic created meanwhile by someone else counts as done if it has the defined partition count.
            await TopicCreator.CreateAsync(admin, specifications, cancellationToken);
        }
        catch (TopicCreationException ex)
        {
            failed = ex;
        }
        catch (KafkaException ex)
        {
            throw new CliException(
                $"creating topics on {clientConfigs.BootstrapServers} failed ({ex.Error.Reason}). The dev broker does not support " +
                "CreateTopics: it creates every topic of topics/ itself at start, so restart it instead.", ex);
        }
        catch (TimeoutException ex)
        {
            throw new CliException(ex.Message, ex);
        }

        foreach (var specification in specifications.Where(s => failed?.Failures.ContainsKey(s.Name) != true))
        {
            Console.WriteLine($"created  {specification.Name} ({specification.NumPartitions} partitions, replication {specification.ReplicationFactor})");
        }

        if (failed is not null)
        {
            throw new CliException($"{failed.Message}{Environment.NewLine}fix the definition or the cluster's limits, then run topics create again", failed);
        }
    }

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

    private static Metadata GetMetadata(IAdminClient admin, string bootstrapServers, LastBrokerWarning brokerWarning)
    {
        try
        {
            return admin.GetMetadata(MetadataTimeout);
        }
        catch (KafkaException ex)
        {
            throw new CliException(
                $"cannot reach Kafka at {bootstrapServers} ({brokerWarning.Message ?? ex.Error.Reason}): start it (./streamread dev-broker, or your cluster) " +
                "or point to it with --bootstrap-servers or Kafka:BootstrapServers (env STREAMREAD_Kafka__BootstrapServers)", ex);
        }
    }
}
