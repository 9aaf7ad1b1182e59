using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamRead.Kafka.Topics;

/// <summary>
/// Reads one <c>*.topic.json</c> file. Hand-parsed rather than deserialized so every mistake
/// (a typo in a field name, a number where Kafka expects a string) gets a sentence that names the
/// field and the fix instead of a serializer message about .NET types.
/// </summary>
internal static partial class TopicFileReader
{
    private static readonly string[] KnownFields = ["name", "description", "partitions", "replicationFactor", "configs", "schema"];

    /// <summary>Parses <paramref name="path"/>; adds to <paramref name="problems"/> and returns null when it is wrong.</summary>
    public static TopicDefinition? Read(string path, string displayName, List<string> problems)
    {
        var before = problems.Count;
        void Problem(string text) => problems.Add($"{displayName}: {text}");

        JsonDocument document;
        try
        {
            var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
            document = JsonDocument.Parse(File.ReadAllBytes(path), options);
        }
        catch (JsonException ex)
        {
            Problem($"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): fix the syntax ({FirstSentence(ex.Message)})");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("must hold one JSON object with name, partitions, replicationFactor and configs");
                return null;
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name, StringComparer.Ordinal))
                {
                    Problem($"unknown field '{property.Name}': remove it or use one of {string.Join(", ", KnownFields)}");
                }
            }

            var expectedName = Path.GetFileName(path)[..^TopicCatalog.FileSuffix.Length];
            var name = ReadString(root, "name", Problem);
            if (name is null)
            {
                if (!root.TryGetProperty("name", out var raw) || raw.ValueKind == JsonValueKind.Null)
                {
                    Problem($"missing \"name\": add \"name\": \"{expectedName}\"");
                }
            }
            else if (!TopicNamePattern().IsMatch(name))
            {
                Problem($"\"name\" '{name}' is not a legal Kafka topic name: use 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-'");
            }
            else if (name != expectedName)
            {
                Problem($"\"name\" is '{name}' but the file is named for '{expectedName}': rename the file to {name}{TopicCatalog.FileSuffix} or fix the name");
            }

            var description = ReadString(root, "description", Problem) ?? "";
            var partitions = ReadInteger(root, "partitions", Problem, out var partitionsPresent);
            if (!partitionsPresent)
            {
                Problem("missing \"partitions\": add \"partitions\": 8 (the input topics share one count)");
            }
            else if (partitions < 1)
            {
                Problem($"\"partitions\" is {partitions}: a topic needs 1 or more partitions");
            }

            var replicationFactor = ReadInteger(root, "replicationFactor", Problem, out var replicationPresent);
            if (!replicationPresent)
            {
                Problem("missing \"replicationFactor\": add \"replicationFactor\": 3 (topics create --replication-factor 1 overrides it on a one-broker cluster)");
            }
            else if (replicationFactor is < 1 or > short.MaxValue)
            {
                Problem($"\"replicationFactor\" is {replicationFactor}: use 1 or more (3 for production)");
            }

            var configs = ReadConfigs(root, Problem);
            var schema = ReadString(root, "schema", Problem);
            if (schema is not null && (schema.Length == 0 || Path.IsPathRooted(schema)))
            {
                Problem($"\"schema\" '{schema}' must be a path relative to the topics folder, e.g. \"schemas/{expectedName}.schema.json\"");
            }

            if (problems.Count > before)
            {
                return null;
            }

            return new TopicDefinition(name!, description, (int)partitions!, (short)replicationFactor!, configs, schema);
        }
    }

    private static string? ReadString(JsonElement root, string field, Action<string> problem)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem($"\"{field}\" must be a string, not {Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    /// <summary>Null when absent (<paramref name="present"/> false) or ill-typed (reported here).</summary>
    private static long? ReadInteger(JsonElement root, string field, Action<string> problem, out bool present)
    {
        present = root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;
        if (!present)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            problem($"\"{field}\" must be a whole number, not {Describe(value)}");
            return null;
        }

        return number;
    }

    private static Dictionary<string, string> ReadConfigs(JsonElement root, Action<string> problem)
    {
        var configs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("configs", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return configs;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problem($"\"configs\" must be an object of Kafka topic configs, not {Describe(value)}");
            return configs;
        }

        foreach (var config in value.EnumerateObject())
        {
            // Kafka takes every topic config as a string; accepting numbers here would hide
            // the difference between "604800000" and 6.048e8 until the broker rejects it.
            if (config.Value.ValueKind != JsonValueKind.String)
            {
                problem($"config \"{config.Name}\" must be a string: write \"{config.Name}\": \"{config.Value.GetRawText()}\"");
                continue;
            }

            configs[config.Name] = config.Value.GetString()!;
        }

        return configs;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.String => $"the string {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd();
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]{1,249}$")]
    private static partial Regex TopicNamePattern();
}
