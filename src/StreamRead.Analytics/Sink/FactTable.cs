using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamRead.ClickHouse;

namespace StreamRead.Analytics.Sink;

/// <summary>
/// A fact table with its natural key: what the sink needs to store each fact once. The key is the
/// table's ORDER BY (its ReplacingMergeTree key) and a fact's time column decides its partition,
/// so a key lookup reads only the months the batch touches.
/// </summary>
internal sealed class FactTable<TRow>(
    string name,
    string timeColumn,
    string[] keyColumns,
    Func<TRow, object[]> key,
    Func<TRow, long> unixSeconds,
    JsonTypeInfo<TRow> typeInfo)
{
    public string Name => name;

    public JsonTypeInfo<TRow> TypeInfo => typeInfo;

    public long TimeOf(TRow row) => unixSeconds(row);

    /// <summary>The key as a SQL tuple literal, e.g. <c>('g-42', 'u-9', 101)</c>: also the row's identity in memory.</summary>
    public string KeyOf(TRow row) => Tuple(key(row));

    /// <summary>A <c>SELECT</c> of the keys among <paramref name="keys"/> (tuple literals) that are stored already.</summary>
    public string StoredKeysQuery(IEnumerable<string> keys, long fromUnixSeconds, long toUnixSeconds)
    {
        var columns = string.Join(", ", keyColumns);
        return string.Create(CultureInfo.InvariantCulture,
            $"SELECT {columns} FROM {name} WHERE {timeColumn} >= toDateTime({fromUnixSeconds}) AND {timeColumn} <= toDateTime({toUnixSeconds}) " +
            $"AND ({columns}) IN ({string.Join(", ", keys)})");
    }

    /// <summary>The key of a row of <see cref="StoredKeysQuery"/>'s result.</summary>
    public string KeyOf(JsonElement storedRow) =>
        Tuple(keyColumns.Select(column => storedRow.GetProperty(column) switch
        {
            { ValueKind: JsonValueKind.Number } number => (object)number.GetInt64(),
            var text => text.GetString()!,
        }).ToArray());

    private static string Tuple(object[] values)
    {
        var sql = new StringBuilder("(");
        for (var i = 0; i < values.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(values[i] switch
            {
                string text => ClickHouseSql.StringLiteral(text),
                long number => number.ToString(CultureInfo.InvariantCulture),
                var other => throw new ArgumentException($"a key holds strings and integers, not {other.GetType().Name}", nameof(values)),
            });
        }

        return sql.Append(')').ToString();
    }
}
