using System.Diagnostics.CodeAnalysis;
using StreamRead.Contracts.Topics;

namespace StreamRead.Kafka.Topics;

/// <summary>
/// Every topic StreamRead uses, loaded from the <c>topics/</c> folder: the single source of truth
/// for names, partition counts, replication and topic configs. The dev broker, <c>topics create</c>
/// and the processor all read it.
/// </summary>
/// <remarks>
/// Loading checks what the processor relies on: the three input topics are co-partitioned (same
/// count, SPEC 1), the changelog has one partition per input partition and is compacted. Every
/// problem found is reported at once, each naming its file and the fix.
/// </remarks>
public sealed class TopicCatalog
{
    /// <summary>The folder name searched for, in the repository root and beside the program.</summary>
    public const string FolderName = "topics";

    /// <summary>Every definition file ends with this: <c>&lt;topic name&gt;.topic.json</c>.</summary>
    public const string FileSuffix = ".topic.json";

    /// <summary>The topics StreamRead cannot run without; extra definitions in the folder are allowed.</summary>
    public static readonly IReadOnlyList<string> RequiredTopics =
    [
        .. TopicNames.Inputs,
        TopicNames.Receipts,
        TopicNames.DeadLetter,
        TopicNames.Changelog,
        TopicNames.Analytics,
        TopicNames.Control,
    ];

    private readonly Dictionary<string, TopicDefinition> _byName;

    private TopicCatalog(string folder, IReadOnlyList<TopicDefinition> topics)
    {
        Folder = folder;
        Topics = topics;
        _byName = topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The folder the definitions were loaded from (absolute).</summary>
    public string Folder { get; }

    /// <summary>Every topic, ordered by name.</summary>
    public IReadOnlyList<TopicDefinition> Topics { get; }

    /// <summary>The partition count the three co-partitioned input topics share.</summary>
    public int InputPartitions => this[TopicNames.Messages].Partitions;

    /// <summary>The definition of <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when the folder has none.</summary>
    public TopicDefinition this[string name] => TryGet(name, out var topic)
        ? topic
        : throw new KeyNotFoundException($"the topics folder '{Folder}' defines no topic '{name}': add {name}{FileSuffix}");

    /// <summary>Looks up a topic by name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out TopicDefinition? topic) => _byName.TryGetValue(name, out topic);

    /// <summary>Finds the topics folder (see <see cref="FindFolder"/>) and loads it.</summary>
    /// <exception cref="TopicCatalogException">The folder is missing or a definition is wrong.</exception>
    public static TopicCatalog LoadDefault(string? explicitFolder = null) => Load(FindFolder(explicitFolder));

    /// <summary>Loads and checks every <c>*.topic.json</c> file of <paramref name="folder"/>.</summary>
    /// <exception cref="TopicCatalogException">A definition is wrong or a required topic is missing.</exception>
    public static TopicCatalog Load(string folder)
    {
        var fullFolder = Path.GetFullPath(folder);
        if (!Directory.Exists(fullFolder))
        {
            throw new TopicCatalogException($"the topics folder '{fullFolder}' does not exist: point to the folder holding the *{FileSuffix} files");
        }

        var problems = new List<string>();
        var topics = new List<TopicDefinition>();
        foreach (var file in Directory.EnumerateFiles(fullFolder, "*" + FileSuffix).Order(StringComparer.Ordinal))
        {
            var topic = TopicFileReader.Read(file, Path.Combine(FolderName, Path.GetFileName(file)), problems);
            if (topic is not null)
            {
                topics.Add(topic);
            }
        }

        var byName = topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var unreadable = problems.Count > 0;
        foreach (var required in RequiredTopics)
        {
            // A file that failed to parse already has its problem; do not also call it missing.
            if (!byName.ContainsKey(required) && !File.Exists(Path.Combine(fullFolder, required + FileSuffix)))
            {
                problems.Add($"{FolderName}/{required}{FileSuffix} is missing: StreamRead needs topic '{required}'; restore the file from the repository");
            }
        }

        if (!unreadable)
        {
            CheckCoPartitioning(byName, problems);
        }

        if (problems.Count > 0)
        {
            throw new TopicCatalogException(problems);
        }

        return new TopicCatalog(fullFolder, topics);
    }

    /// <summary>
    /// Finds the topics folder: <paramref name="explicitFolder"/> when given; otherwise the first
    /// <c>topics/</c> holding <c>*.topic.json</c> files found walking up from the current directory
    /// (a repository checkout), then from <see cref="AppContext.BaseDirectory"/> (the copy every
    /// build and publish places beside the program).
    /// </summary>
    /// <exception cref="TopicCatalogException">No such folder exists.</exception>
    public static string FindFolder(string? explicitFolder = null)
    {
        if (explicitFolder is not null)
        {
            var full = Path.GetFullPath(explicitFolder);
            return Directory.Exists(full)
                ? full
                : throw new TopicCatalogException($"the topics folder '{full}' does not exist: check the path (it holds the *{FileSuffix} files)");
        }

        string[] starts = [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, FolderName);
                if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*" + FileSuffix).Any())
                {
                    return candidate;
                }
            }
        }

        throw new TopicCatalogException(
            $"no '{FolderName}' folder with *{FileSuffix} files was found above '{starts[0]}' or '{starts[1]}': " +
            "run from the StreamRead repository or pass the folder explicitly (--topics <folder>)");
    }

    private static void CheckCoPartitioning(Dictionary<string, TopicDefinition> byName, List<string> problems)
    {
        var inputs = TopicNames.Inputs.Where(byName.ContainsKey).Select(name => byName[name]).ToList();
        if (inputs.Select(t => t.Partitions).Distinct().Count() > 1)
        {
            var counts = string.Join(", ", inputs.Select(t => $"{t.Name} has {t.Partitions}"));
            problems.Add(
                $"the input topics are not co-partitioned ({counts}): one processor task owns a conversation's events " +
                $"of all three (SPEC 1), so give {string.Join(", ", inputs.Select(t => t.Name + FileSuffix))} the same \"partitions\"");
            return;
        }

        if (inputs.Count == 0 || !byName.TryGetValue(TopicNames.Changelog, out var changelog))
        {
            return;
        }

        var file = $"{FolderName}/{changelog.Name}{FileSuffix}";
        var inputPartitions = inputs[0].Partitions;
        if (changelog.Partitions != inputPartitions)
        {
            problems.Add(
                $"{file}: \"partitions\" is {changelog.Partitions} but the input topics have {inputPartitions}; " +
                $"the changelog keeps one partition per input partition, so set \"partitions\": {inputPartitions}");
        }

        if (!changelog.Configs.TryGetValue("cleanup.policy", out var policy) || !policy.Split(',').Contains("compact"))
        {
            problems.Add($"{file}: the changelog must be compacted (only the latest state per key is needed): set \"cleanup.policy\": \"compact\" in \"configs\"");
        }
    }
}
