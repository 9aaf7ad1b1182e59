using System.Text;

namespace StreamRead.ClickHouse;

/// <summary>
/// Quoting for the rare SQL that must carry a name or value. Event data never goes into SQL
/// text: rows go through <see cref="ClickHouseClient.InsertJsonEachRowAsync{T}(string, IEnumerable{T}, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}, CancellationToken)"/>.
/// Escapes with backslashes, which every ClickHouse version reads the same way.
/// </summary>
public static class ClickHouseSql
{
    /// <summary>A string literal: <c>it's</c> becomes <c>'it\'s'</c>; control characters are escaped too.</summary>
    public static string StringLiteral(string value) => Quote(value, '\'');

    /// <summary>An identifier (database, table, column): <c>my`table</c> becomes <c>`my\`table`</c>.</summary>
    /// <exception cref="ArgumentException">The name is empty or holds a NUL character, which no ClickHouse name can.</exception>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0'))
        {
            throw new ArgumentException($"a ClickHouse name cannot hold a NUL character: '{name.Replace('\0', '?')}'", nameof(name));
        }

        return Quote(name, '`');
    }

    private static string Quote(string value, char quote)
    {
        var sql = new StringBuilder(value.Length + 2).Append(quote);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sql.Append(@"\\"); break;
                case '\0': sql.Append(@"\0"); break;
                case '\n': sql.Append(@"\n"); break;
                case '\r': sql.Append(@"\r"); break;
                case '\t': sql.Append(@"\t"); break;
                case '\'' or '`' or '"': sql.Append('\\').Append(c); break;
                case < ' ': sql.Append(@"\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: sql.Append(c); break;
            }
        }

        return sql.Append(quote).ToString();
    }
}
