using System.Text;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace StreamRead.Contracts.DeadLetters;

/// <summary>
/// <c>streamread.deadletter</c>: an input record the processor rejected (SPEC 1), with its original
/// bytes (lossless, base64), where it came from and why. The Kafka key is the original record key.
/// Schema: <c>topics/schemas/streamread.deadletter.schema.json</c>.
/// </summary>
/// <param name="SourceTopic">The input topic the record was read from.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset in that partition.</param>
/// <param name="Timestamp">Its Kafka record timestamp.</param>
/// <param name="Key">The original key as text when it is valid UTF-8, else null (see <paramref name="KeyBase64"/>). Always written, null included.</param>
/// <param name="KeyBase64">The original key bytes in base64; null when the record had no key. Always written.</param>
/// <param name="ValueBase64">The original value bytes in base64; null when the value was null. Always written.</param>
/// <param name="Reason">Why the record was rejected.</param>
/// <param name="DeadLetteredAt">When the processor rejected it.</param>
public sealed record DeadLetterRecord(
    string SourceTopic,
    int Partition,
    long Offset,
    DateTimeOffset Timestamp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? KeyBase64,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ValueBase64,
    DeadLetterReason Reason,
    DateTimeOffset DeadLetteredAt)
{
    /// <summary>Builds the dead letter of a consumed record from its raw key and value.</summary>
    /// <param name="sourceTopic">The input topic.</param>
    /// <param name="partition">The record's partition.</param>
    /// <param name="offset">The record's offset.</param>
    /// <param name="timestamp">The record's Kafka timestamp.</param>
    /// <param name="key">The raw key; null when the record had none.</param>
    /// <param name="value">The raw value; null for a tombstone.</param>
    /// <param name="reason">Why it is rejected, usually from <see cref="Parsing.InputRecordParser"/>.</param>
    /// <param name="deadLetteredAt">The current time.</param>
    public static DeadLetterRecord Create(
        string sourceTopic,
        int partition,
        long offset,
        DateTimeOffset timestamp,
        byte[]? key,
        byte[]? value,
        DeadLetterReason reason,
        DateTimeOffset deadLetteredAt)
    {
        ArgumentNullException.ThrowIfNull(sourceTopic);
        ArgumentNullException.ThrowIfNull(reason);
        return new DeadLetterRecord(
            sourceTopic,
            partition,
            offset,
            timestamp,
            key is not null && Utf8.IsValid(key) ? Encoding.UTF8.GetString(key) : null,
            key is null ? null : Convert.ToBase64String(key),
            value is null ? null : Convert.ToBase64String(value),
            reason,
            deadLetteredAt);
    }
}
