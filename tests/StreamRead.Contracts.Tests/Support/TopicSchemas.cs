using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using NJsonSchema;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>The JSON Schemas of topics/schemas as shipped (copied next to the tests), and NJsonSchema's verdict on a value.</summary>
internal static class TopicSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "topics", "schemas");

    /// <summary>The pattern every timestamp of every schema shares (a test checks they are equal).</summary>
    public static Regex TimestampPattern { get; } = new(For("chat.messages").Properties["sentAt"].Pattern!, RegexOptions.CultureInvariant);

    public static string PathOf(string topic) => Path.Combine(Folder, $"{topic}.schema.json");

    public static JsonSchema For(string topic) =>
        Schemas.GetOrAdd(topic, static t => new Lazy<JsonSchema>(() =>
            // No external references, so this completes synchronously; loaded once per topic.
            JsonSchema.FromJsonAsync(File.ReadAllText(PathOf(t))).GetAwaiter().GetResult())).Value;

    /// <summary>
    /// NJsonSchema's verdict. A value its JSON reader cannot read counts as rejected. Known NJsonSchema
    /// limits the tests steer around: its reader accepts comments, trailing commas and trailing content;
    /// it throws on integers beyond 64 bits; it counts string length in UTF-16 units, not code points.
    /// </summary>
    public static bool Accepts(string topic, string json)
    {
        try
        {
            return For(topic).Validate(json).Count == 0;
        }
        catch (JsonReaderException)
        {
            return false;
        }
    }

    /// <summary>The errors NJsonSchema reports, for assertion messages.</summary>
    public static string Explain(string topic, string json)
    {
        try
        {
            return string.Join("; ", For(topic).Validate(json).Select(error => error.ToString()));
        }
        catch (JsonReaderException exception)
        {
            return exception.Message;
        }
    }
}
