using System.Text.Json.Nodes;
using StreamRead.Contracts.Topics;
using StreamRead.Kafka.Topics;
using Xunit;

namespace StreamRead.IntegrationTests.Kafka;

public sealed class TopicCatalogTests : IDisposable
{
    private static readonly string RepositoryTopics = FindRepositoryTopics();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "streamread-topics-" + Guid.NewGuid().ToString("N"));

    public TopicCatalogTests()
    {
        // Each test breaks one file of a copy of the real folder.
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.EnumerateFiles(RepositoryTopics, "*" + TopicCatalog.FileSuffix))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Repository_folder_defines_every_topic_with_co_partitioned_inputs_and_a_matching_changelog()
    {
        var catalog = TopicCatalog.Load(RepositoryTopics);

        Assert.Subset(catalog.Topics.Select(t => t.Name).ToHashSet(), TopicCatalog.RequiredTopics.ToHashSet());
        Assert.All(TopicNames.Inputs, name => Assert.Equal(catalog.InputPartitions, catalog[name].Partitions));
        Assert.Equal(catalog.InputPartitions, catalog[TopicNames.Changelog].Partitions);
        Assert.Equal("compact", catalog[TopicNames.Changelog].Configs["cleanup.policy"]);
        Assert.All(TopicNames.Inputs, name => Assert.Equal($"schemas/{name}.schema.json", catalog[name].Schema));
    }

    [Fact]
    public void Dead_letter_topic_accepts_an_input_record_of_the_largest_size_base64_encoded()
    {
        var catalog = TopicCatalog.Load(RepositoryTopics);

        var largestInput = TopicNames.Inputs.Max(name => long.Parse(catalog[name].Configs["max.message.bytes"]));
        var deadLetterLimit = long.Parse(catalog[TopicNames.DeadLetter].Configs["max.message.bytes"]);
        Assert.True(deadLetterLimit >= (largestInput + 2) / 3 * 4 + 64 * 1024, $"dead-letter limit {deadLetterLimit} is too small for {largestInput}-byte inputs");
    }

    [Fact]
    public void Build_output_carries_the_same_topic_definitions_as_the_repository()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, TopicCatalog.FolderName);

        var repositoryFiles = Directory.GetFiles(RepositoryTopics, "*" + TopicCatalog.FileSuffix).Select(Path.GetFileName).Order().ToList();
        var copiedFiles = Directory.GetFiles(copied, "*" + TopicCatalog.FileSuffix).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(repositoryFiles, copiedFiles);
        Assert.All(repositoryFiles, file => Assert.Equal(
            File.ReadAllText(Path.Combine(RepositoryTopics, file!)), File.ReadAllText(Path.Combine(copied, file!))));
    }

    [Fact]
    public void Explicit_folder_that_does_not_exist_is_named_in_the_error()
    {
        var missing = Path.Combine(_folder, "nope");

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.FindFolder(missing));

        Assert.Contains($"'{missing}' does not exist", error.Message);
    }

    [Fact]
    public void Rejects_a_file_that_is_not_json_with_its_line()
    {
        File.WriteAllText(FileOf(TopicNames.Reads), "{\n  \"name\": \"chat.reads\",\n  \"partitions\" 8\n}");

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Contains("topics/chat.reads.topic.json: is not valid JSON (line 3", error.Message);
    }

    [Fact]
    public void Rejects_a_definition_without_a_name_and_suggests_it()
    {
        Edit(TopicNames.Receipts, topic => topic.Remove("name"));

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Contains("topics/streamread.receipts.topic.json: missing \"name\": add \"name\": \"streamread.receipts\"", error.Message);
    }

    [Fact]
    public void Rejects_a_name_that_differs_from_the_file_name()
    {
        Edit(TopicNames.Analytics, topic => topic["name"] = "streamread.stats");

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Contains("\"name\" is 'streamread.stats' but the file is named for 'streamread.analytics'", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Rejects_fewer_than_one_partition(int partitions)
    {
        Edit(TopicNames.Analytics, topic => topic["partitions"] = partitions);

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Contains($"topics/streamread.analytics.topic.json: \"partitions\" is {partitions}: a topic needs 1 or more partitions", error.Message);
    }

    [Fact]
    public void Rejects_input_topics_with_different_partition_counts()
    {
        Edit(TopicNames.Reads, topic => topic["partitions"] = 6);

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Contains("the input topics are not co-partitioned (chat.messages has 8, chat.reads has 6, chat.members has 8)", error.Message);
        Assert.Contains("the same \"partitions\"", error.Message);
    }

    [Fact]
    public void Rejects_a_changelog_whose_partitions_differ_from_the_inputs()
    {
        Edit(TopicNames.Changelog, topic => topic["partitions"] = 4);

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Contains(
            "topics/streamread.readstate-changelog.topic.json: \"partitions\" is 4 but the input topics have 8; " +
            "the changelog keeps one partition per input partition, so set \"partitions\": 8", error.Message);
    }

    [Fact]
    public void Rejects_a_changelog_that_is_not_compacted()
    {
        Edit(TopicNames.Changelog, topic => topic["configs"]!["cleanup.policy"] = "delete");

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Contains("the changelog must be compacted", error.Message);
    }

    [Fact]
    public void Rejects_an_unknown_field_naming_the_known_ones()
    {
        Edit(TopicNames.Messages, topic => topic["partition"] = 8);

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Contains("topics/chat.messages.topic.json: unknown field 'partition': remove it or use one of name, description, partitions", error.Message);
    }

    [Fact]
    public void Rejects_a_config_value_that_is_not_a_string_and_shows_the_fix()
    {
        Edit(TopicNames.Messages, topic => topic["configs"]!["retention.ms"] = 604800000);

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Contains("config \"retention.ms\" must be a string: write \"retention.ms\": \"604800000\"", error.Message);
    }

    [Fact]
    public void Rejects_a_folder_missing_a_required_topic()
    {
        File.Delete(FileOf(TopicNames.DeadLetter));

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Contains("topics/streamread.deadletter.topic.json is missing", error.Message);
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        Edit(TopicNames.Analytics, topic => topic["partitions"] = 0);
        Edit(TopicNames.Receipts, topic => topic["replicationFactor"] = "three");

        var error = Assert.Throws<TopicCatalogException>(() => TopicCatalog.Load(_folder));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("\"replicationFactor\" must be a whole number, not the string \"three\"", error.Message);
    }

    [Fact]
    public void Accepts_extra_topics_beside_the_required_ones()
    {
        File.WriteAllText(Path.Combine(_folder, "app.audit.topic.json"), """{ "name": "app.audit", "partitions": 2, "replicationFactor": 1 }""");

        var catalog = TopicCatalog.Load(_folder);

        Assert.Equal(2, catalog["app.audit"].Partitions);
        Assert.Null(catalog["app.audit"].Schema);
    }

    private string FileOf(string topic) => Path.Combine(_folder, topic + TopicCatalog.FileSuffix);

    private void Edit(string topic, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(FileOf(topic)))!.AsObject();
        edit(json);
        File.WriteAllText(FileOf(topic), json.ToJsonString());
    }

    private static string FindRepositoryTopics()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StreamRead.sln")))
            {
                return Path.Combine(directory.FullName, TopicCatalog.FolderName);
            }
        }

        throw new InvalidOperationException("the tests run outside the StreamRead repository: no StreamRead.sln above " + AppContext.BaseDirectory);
    }
}
