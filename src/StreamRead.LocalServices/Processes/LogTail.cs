namespace StreamRead.LocalServices.Processes;

/// <summary>Quotes the end of a server's log files in an error, since the reason a server failed is written there.</summary>
internal static class LogTail
{
    private const int Lines = 20;

    /// <summary>The last lines of every non-empty file among <paramref name="paths"/>, ready to append to a message.</summary>
    public static string Describe(IEnumerable<string> paths)
    {
        var parts = new List<string>();
        foreach (var path in paths)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (lines.Length > 0)
            {
                var tail = lines.Skip(Math.Max(0, lines.Length - Lines)).Select(line => "  " + line);
                parts.Add($"Last lines of {path}:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
            }
        }

        return parts.Count > 0
            ? string.Join(Environment.NewLine, parts)
            : $"Its log files are empty or missing ({string.Join(", ", paths)}).";
    }
}
