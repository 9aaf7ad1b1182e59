using System.Text;
using System.Text.Json.Nodes;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Json;
using StreamRead.Kafka.Producing;

namespace StreamRead.Chaos;

/// <summary>
/// Fuzzed input records (SPEC 1): invalid JSON, wrong types, huge and empty ids, negative, zero,
/// fractional and 65-bit seqs, bad timestamps and enum values, 100 KiB and 1 MiB values, keys that
/// differ from the conversationId or are missing, tombstones, invalid UTF-8, deep nesting; and
/// valid records in unusual spellings (unknown fields, Unicode ids, 256-character ids, redeliveries)
/// that must be processed. Each invalid record names the reason code it must be dead-lettered with.
/// </summary>
/// <remarks>
/// Fuzzed records use conversations of their own (<c>fz-</c>), so the valid ones form valid
/// histories (seqs rising per conversation) whatever the fuzzing around them.
/// </remarks>
internal static class Fuzzer
{
    private const int MiB = 1024 * 1024;

    private static readonly (int Weight, string Kind)[] Mutations =
    [
        (14, "valid-unknown-fields"), (4, "valid-unicode-ids"), (3, "valid-hostile-ids"), (2, "valid-max-length-id"), (3, "valid-redelivery"),
        (7, "invalid-json"), (3, "not-an-object"), (9, "wrong-type"), (3, "null-required"), (5, "missing-field"),
        (6, "huge-id"), (2, "empty-id"), (6, "negative-or-zero"), (2, "int64-overflow"), (3, "fraction"),
        (4, "bad-timestamp"), (3, "unknown-enum"), (6, "key-mismatch"), (3, "key-missing"), (2, "tombstone"),
        (2, "invalid-utf8"), (1, "deep-nesting"), (1, "too-large-100KiB"), (1, "empty-object"), (1, "empty-value"),
    ];

    /// <param name="seed">Seeds every choice.</param>
    /// <param name="count">Records to generate.</param>
    /// <param name="hugeRecords">How many of them are 1 MiB; they go to distinct partitions (round robin) of <paramref name="partitions"/>.</param>
    /// <param name="partitions">Partitions of the input and dead-letter topics.</param>
    /// <param name="start">Time of the first record.</param>
    /// <param name="span">Time between the first and the last record.</param>
    public static List<InputRecord> Generate(int seed, int count, int hugeRecords, int partitions, DateTimeOffset start, TimeSpan span)
    {
        var random = new Random(seed);
        var records = new List<InputRecord>(count);
        var lastSeq = new Dictionary<string, long>(StringComparer.Ordinal);
        var valid = new List<InputRecord>();
        var totalWeight = Mutations.Sum(m => m.Weight);
        var hugeAt = new HashSet<int>();
        while (hugeAt.Count < hugeRecords)
        {
            hugeAt.Add(random.Next(count));
        }

        var hugeKeys = 0;
        for (var i = 0; i < count; i++)
        {
            var time = start + (span * i / count);
            var conversation = $"fz-{random.Next(200)}";
            string kind;
            if (hugeAt.Contains(i))
            {
                kind = "too-large-1MiB";
                conversation = KeyOnPartition("fz-huge-", hugeKeys++ % partitions, partitions);
            }
            else
            {
                var pick = random.Next(totalWeight);
                kind = Mutations.First(m => (pick -= m.Weight) < 0).Kind;
            }

            var record = kind switch
            {
                "valid-unknown-fields" => Valid(Base(random, conversation, time, lastSeq), kind, UnknownFields),
                "valid-unicode-ids" => Valid(Base(random, $"fz-ñ-😀-{random.Next(20)}", time, lastSeq, user: $"ü-ßer-日本-{random.Next(20)}"), kind),
                // Quotes, backslashes and SQL in ids: they reach ClickHouse's key lookups and Redis keys.
                "valid-hostile-ids" => Valid(Base(random, $"fz-'\"`\\{{x}}-{random.Next(10)}", time, lastSeq,
                    user: random.Next(2) == 0 ? "u'); DROP TABLE read_advances; --" : $"u\\'\n\t{random.Next(10)}"), kind),
                "valid-max-length-id" => Valid(Base(random, conversation, time, lastSeq, user: new string('é', 250) + $"{random.Next(100_000):D6}"), kind),
                "valid-redelivery" when valid.Count > 0 => valid[random.Next(valid.Count)] with { Kind = kind },
                "valid-redelivery" => Valid(Base(random, conversation, time, lastSeq), kind),
                _ => Invalid(random, kind, Base(random, conversation, time, lastSeq, consume: false), time),
            };
            if (record.IsValid && kind != "valid-redelivery")
            {
                valid.Add(record);
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary>A valid event of a random topic; messages take the conversation's next seq unless not <paramref name="consume"/>d.</summary>
    private static IChatEvent Base(Random random, string conversation, DateTimeOffset time, Dictionary<string, long> lastSeq, string? user = null, bool consume = true)
    {
        user ??= $"fu{random.Next(50)}";
        var last = lastSeq.GetValueOrDefault(conversation);
        switch (random.Next(3))
        {
            case 0:
                var seq = last + 1;
                if (consume)
                {
                    lastSeq[conversation] = seq;
                }

                return new MessageSent(conversation, seq, user, time, random.Next(4) == 0 ? ConversationKind.Direct : ConversationKind.Group);
            case 1:
                return new ReadReported(conversation, user, Math.Max(1, last - random.Next(2)), time, random.Next(2) == 0 ? null : "phone", random.Next(4) == 0);
            default:
                // Always an explicit afterSeq: without one a join takes "the last seq known to the
                // processor at that moment" (SPEC 1), which depends on how a live processor happens
                // to interleave the topics, so no oracle can predict it (the processor tests cover it).
                return new MembershipChanged(conversation, user, random.Next(4) == 0 ? MembershipChange.Left : MembershipChange.Joined, time,
                    Math.Max(0, last - random.Next(2)));
        }
    }

    private static InputRecord Valid(IChatEvent chatEvent, string kind, Func<JsonObject, JsonObject>? respell = null)
    {
        var record = InputRecord.Of(chatEvent, kind);
        return respell is null ? record : record with { Value = Encoding.UTF8.GetBytes(respell(Json(chatEvent)).ToJsonString()) };
    }

    private static JsonObject UnknownFields(JsonObject json)
    {
        json["x-gateway"] = new JsonObject { ["region"] = "eu-1", ["hops"] = new JsonArray(1, 2, new JsonObject { ["n"] = null }) };
        json["comment"] = "forward compatibility: unknown fields are ignored";
        json["score"] = 1.5e300;
        return json;
    }

    private static InputRecord Invalid(Random random, string kind, IChatEvent chatEvent, DateTimeOffset time)
    {
        var json = Json(chatEvent);
        var key = Encoding.UTF8.GetBytes(chatEvent.ConversationId);
        var topic = InputRecord.TopicIndexOf(chatEvent);
        var (idField, seqField) = chatEvent switch
        {
            MessageSent => ("senderId", "seq"),
            ReadReported => ("userId", "readSeq"),
            _ => ("userId", "afterSeq"),
        };
        byte[]? value;
        string reason;
        switch (kind)
        {
            case "invalid-json":
                var text = json.ToJsonString();
                value = Encoding.UTF8.GetBytes(random.Next(3) switch
                {
                    0 => text[..random.Next(1, text.Length - 1)],
                    1 => text + " trailing",
                    _ => "{not json",
                });
                reason = "invalid_json";
                break;
            case "not-an-object":
                value = Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => "[1,2,3]", 1 => "\"a string\"", _ => "42" });
                reason = "not_an_object";
                break;
            case "wrong-type":
                json[idField] = random.Next(2) == 0 ? JsonValue.Create(42) : new JsonArray("u");
                value = Bytes(json);
                reason = "wrong_type";
                break;
            case "null-required":
                json[idField] = null;
                value = Bytes(json);
                reason = "wrong_type";
                break;
            case "missing-field":
                json.Remove(idField);
                value = Bytes(json);
                reason = "missing_field";
                break;
            case "huge-id" when random.Next(3) == 0:
                var hugeConversation = new string('c', random.Next(257, 5_000));
                json["conversationId"] = hugeConversation;
                key = Encoding.UTF8.GetBytes(hugeConversation);
                value = Bytes(json);
                reason = "invalid_id";
                break;
            case "huge-id":
                json[idField] = new string('x', random.Next(257, 5_000));
                value = Bytes(json);
                reason = "invalid_id";
                break;
            case "empty-id":
                json[idField] = string.Empty;
                value = Bytes(json);
                reason = "invalid_id";
                break;
            case "negative-or-zero":
                json[seqField] = seqField == "afterSeq" ? -1 - random.Next(100) : -random.Next(100);
                value = Bytes(json);
                reason = "out_of_range";
                break;
            case "int64-overflow":
                json[seqField] = 424242;
                value = Encoding.UTF8.GetBytes(json.ToJsonString().Replace($"\"{seqField}\":424242", $"\"{seqField}\":99999999999999999999", StringComparison.Ordinal));
                reason = "out_of_range";
                break;
            case "fraction":
                // Written as text: a serializer would turn 2e3 into 2000, which is a valid integer.
                json[seqField] = 424242;
                value = Encoding.UTF8.GetBytes(json.ToJsonString().Replace(
                    $"\"{seqField}\":424242", $"\"{seqField}\":{Pick(random, ["1.5", "2e3", "1.0", "3E+1"])}", StringComparison.Ordinal));
                reason = "not_an_integer";
                break;
            case "bad-timestamp":
                var timeField = chatEvent switch { MessageSent => "sentAt", ReadReported => "readAt", _ => "at" };
                json[timeField] = random.Next(3) switch { 0 => "yesterday", 1 => "2026-13-01T00:00:00Z", _ => "2026-11-22T10:00:00" };
                value = Bytes(json);
                reason = "invalid_timestamp";
                break;
            case "unknown-enum" when chatEvent is MessageSent:
                json["kind"] = "broadcast";
                value = Bytes(json);
                reason = "unknown_enum_value";
                break;
            case "unknown-enum":
                json = Json(new MembershipChanged(chatEvent.ConversationId, "fu1", MembershipChange.Joined, time));
                json["change"] = "kicked";
                topic = 2;
                value = Bytes(json);
                reason = "unknown_enum_value";
                break;
            case "key-mismatch":
                key = Encoding.UTF8.GetBytes(chatEvent.ConversationId + "-other");
                value = Bytes(json);
                reason = "key_mismatch";
                break;
            case "key-missing":
                key = random.Next(2) == 0 ? null : [];
                value = Bytes(json);
                reason = "key_missing";
                break;
            case "tombstone":
                value = null;
                reason = "value_missing";
                break;
            case "invalid-utf8":
                var raw = Bytes(json);
                var at = Array.IndexOf(raw, (byte)'"', 2) + 1; // inside the first string value or name
                raw[at] = 0xFF;
                value = raw;
                reason = "invalid_json";
                break;
            case "deep-nesting":
                json["nested"] = 0;
                value = Encoding.UTF8.GetBytes(json.ToJsonString().Replace("\"nested\":0", "\"nested\":" + new string('[', 500) + new string(']', 500), StringComparison.Ordinal));
                reason = "invalid_json";
                break;
            case "too-large-100KiB":
            case "too-large-1MiB":
                var size = kind == "too-large-1MiB" ? MiB - 64 : 100 * 1024;
                json["pad"] = new string('p', size);
                value = Bytes(json);
                reason = "record_too_large";
                break;
            case "empty-object":
                value = "{}"u8.ToArray();
                reason = "missing_field";
                break;
            case "empty-value":
                value = [];
                reason = "invalid_json";
                break;
            default:
                throw new InvalidOperationException($"unknown mutation {kind}");
        }

        return new InputRecord(topic, key, value, time, null, reason, kind);
    }

    /// <summary>A conversation id (prefix + number) that the producers' partitioner puts on <paramref name="partition"/>.</summary>
    private static string KeyOnPartition(string prefix, int partition, int partitions)
    {
        for (var n = 0; ; n++)
        {
            var key = prefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (KeyPartitioner.PartitionOf(key, partitions) == partition)
            {
                return key;
            }
        }
    }

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];

    private static JsonObject Json(IChatEvent chatEvent) => JsonNode.Parse(ContractsSerializer.Serialize(chatEvent))!.AsObject();

    private static byte[] Bytes(JsonObject json) => Encoding.UTF8.GetBytes(json.ToJsonString());
}
