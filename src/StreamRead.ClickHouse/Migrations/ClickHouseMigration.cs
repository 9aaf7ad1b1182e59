using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamRead.ClickHouse.Migrations;

/// <summary>
/// One versioned schema change: a script named <c>NNNN_name.sql</c> (e.g. <c>0001_create_read_facts.sql</c>)
/// of one or more <c>;</c>-separated statements. Scripts should be idempotent (<c>IF NOT EXISTS</c>):
/// ClickHouse has no transactions, so a script that failed half-way runs again from its start.
/// </summary>
/// <param name="Version">The number that orders migrations; unique, at least 1.</param>
/// <param name="Name">The rest of the file name, for logs and the history table.</param>
/// <param name="Sql">The script.</param>
public sealed partial record ClickHouseMigration(int Version, string Name, string Sql)
{
    /// <summary>A SHA-256 of the script (line endings normalized): an applied migration must never change.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n").Trim())));

    /// <summary>The <c>*.sql</c> files of <paramref name="directory"/> (not its subfolders).</summary>
    /// <exception cref="ArgumentException">A file is not named <c>NNNN_name.sql</c>.</exception>
    public static IReadOnlyList<ClickHouseMigration> FromDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*.sql")
            .Select(path => FromFile(Path.GetFileName(path), File.ReadAllText(path)))
            .OrderBy(m => m.Version)
            .ToArray();

    /// <summary>
    /// The embedded <c>*.sql</c> resources of <paramref name="assembly"/> whose names start with
    /// <paramref name="resourcePrefix"/> (e.g. <c>StreamRead.Sinks.ClickHouse.Migrations.</c> for a
    /// <c>Migrations/</c> folder embedded with <c>&lt;EmbeddedResource Include="Migrations/*.sql" /&gt;</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A resource is not named <c>NNNN_name.sql</c> after the prefix.</exception>
    public static IReadOnlyList<ClickHouseMigration> FromEmbeddedResources(Assembly assembly, string resourcePrefix) =>
        assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(resourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return FromFile(name[resourcePrefix.Length..], reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToArray();

    /// <summary>Parses <c>NNNN_name.sql</c> into a migration.</summary>
    /// <exception cref="ArgumentException">The name does not follow the pattern.</exception>
    public static ClickHouseMigration FromFile(string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success || !int.TryParse(match.Groups["version"].Value, out var version) || version < 1)
        {
            throw new ArgumentException(
                $"migration '{fileName}' is not named like 0001_create_tables.sql (a version from 1, '_', then letters, digits, '_' or '-'): rename it",
                nameof(fileName));
        }

        return new ClickHouseMigration(version, match.Groups["name"].Value, sql);
    }

    [GeneratedRegex(@"^(?<version>\d+)_(?<name>[A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
