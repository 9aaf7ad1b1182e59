using System.Text;
using StreamRead.Contracts.Parsing;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>Shorthands for parsing hand-written records in example tests.</summary>
internal static class Records
{
    /// <summary>Parses <paramref name="json"/> as a record of <paramref name="topic"/> keyed by <paramref name="key"/>.</summary>
    public static ParseResult Parse(string topic, string json, string key = "g-42") =>
        InputRecordParser.Parse(topic, Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(json), valueIsNull: false);

    /// <summary>Parses a record that must be valid and returns its event.</summary>
    public static T ParseValid<T>(string topic, string json, string key = "g-42")
    {
        var result = Parse(topic, json, key);
        Assert.True(result.IsValid, result.ToString());
        return Assert.IsType<T>(result.Event);
    }

    /// <summary>Parses a record that must be invalid and returns its reason.</summary>
    public static StreamRead.Contracts.DeadLetters.DeadLetterReason ParseInvalid(string topic, string json, string key = "g-42")
    {
        var result = Parse(topic, json, key);
        Assert.False(result.IsValid, $"accepted: {result}");
        return result.Reason;
    }
}
