using System.Text;

namespace StreamRead.ClickHouse.Migrations;

/// <summary>
/// Splits a migration script into statements at <c>;</c>, since the HTTP interface takes one
/// statement per request. Semicolons inside quotes (<c>'...'</c>, <c>"..."</c>, <c>`...`</c>, with
/// backslash escapes) and comments (<c>--</c>, <c>/* */</c>) do not split; comment-only pieces are dropped.
/// </summary>
internal static class SqlStatements
{
    public static IReadOnlyList<string> Split(string script)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        var hasCode = false;
        var i = 0;

        void EndStatement()
        {
            if (hasCode)
            {
                statements.Add(current.ToString().Trim());
            }

            current.Clear();
            hasCode = false;
        }

        while (i < script.Length)
        {
            var c = script[i];
            var next = i + 1 < script.Length ? script[i + 1] : '\0';
            if (c == '-' && next == '-')
            {
                var end = script.IndexOf('\n', i);
                end = end < 0 ? script.Length : end;
                current.Append(script, i, end - i);
                i = end;
            }
            else if (c == '/' && next == '*')
            {
                var end = script.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? script.Length : end + 2;
                current.Append(script, i, end - i);
                i = end;
            }
            else if (c is '\'' or '"' or '`')
            {
                var end = i + 1;
                while (end < script.Length && script[end] != c)
                {
                    end += script[end] == '\\' ? 2 : 1;
                }

                end = Math.Min(end + 1, script.Length);
                current.Append(script, i, end - i);
                hasCode = true;
                i = end;
            }
            else if (c == ';')
            {
                EndStatement();
                i++;
            }
            else
            {
                current.Append(c);
                hasCode |= !char.IsWhiteSpace(c);
                i++;
            }
        }

        EndStatement();
        return statements;
    }
}
