using System.Text.Json.Nodes;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>The hand-written records under Samples/&lt;topic&gt;/{valid,invalid}/ (invalid ones named <c>&lt;reason_code&gt;.&lt;field&gt;-&lt;detail&gt;.json</c>).</summary>
internal static class SampleFiles
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Samples");

    /// <summary>Sample paths relative to <see cref="Folder"/>, e.g. <c>chat.messages/invalid/out_of_range.seq-zero.json</c>.</summary>
    public static IEnumerable<string> List(string validity) =>
        Directory.EnumerateDirectories(Folder)
            .SelectMany(topicFolder => Directory.EnumerateFiles(Path.Combine(topicFolder, validity), "*.json"))
            .Select(path => Path.GetRelativePath(Folder, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static (string Topic, string Json) Load(string sample) =>
        (sample.Split('/')[0], File.ReadAllText(Path.Combine(Folder, sample)));

    /// <summary>The key a correct producer would use: the sample's conversationId when it has a string one.</summary>
    public static string KeyOf(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject record && record["conversationId"] is JsonValue id && id.TryGetValue<string>(out var text)
                ? text
                : "g-42";
        }
        catch (System.Text.Json.JsonException)
        {
            return "g-42";
        }
    }
}
