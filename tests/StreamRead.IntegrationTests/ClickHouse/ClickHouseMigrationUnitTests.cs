using StreamRead.ClickHouse.Migrations;
using Xunit;

namespace StreamRead.IntegrationTests.ClickHouse;

/// <summary>Loading and splitting migrations; no server needed.</summary>
public sealed class ClickHouseMigrationUnitTests
{
    [Fact]
    public void Folder_migrations_are_ordered_by_number_not_by_name()
    {
        var folder = Directory.CreateTempSubdirectory("streamread-migrations-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "10_later.sql"), "SELECT 10");
            File.WriteAllText(Path.Combine(folder.FullName, "0002_second.sql"), "SELECT 2");
            File.WriteAllText(Path.Combine(folder.FullName, "0001_first.sql"), "SELECT 1");
            File.WriteAllText(Path.Combine(folder.FullName, "notes.txt"), "not a migration");

            var migrations = ClickHouseMigration.FromDirectory(folder.FullName);

            Assert.Equal([(1, "first"), (2, "second"), (10, "later")], migrations.Select(m => (m.Version, m.Name)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("create_tables.sql")]
    [InlineData("0000_zero.sql")]
    [InlineData("0001-dash.sql")]
    [InlineData("0001_has.dot.sql")]
    public void Badly_named_migration_is_refused_with_the_expected_pattern(string fileName)
    {
        var error = Assert.Throws<ArgumentException>(() => ClickHouseMigration.FromFile(fileName, "SELECT 1"));

        Assert.Contains("0001_create_tables.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checksum_ignores_line_endings_but_not_content()
    {
        var unix = new ClickHouseMigration(1, "a", "SELECT 1\nFROM t\n");
        var windows = new ClickHouseMigration(1, "a", "SELECT 1\r\nFROM t\r\n");
        var other = new ClickHouseMigration(1, "a", "SELECT 2\nFROM t\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, other.Checksum);
    }

    [Fact]
    public void Script_splits_at_semicolons_outside_quotes_and_comments()
    {
        const string script = """
            -- a comment; not a split
            CREATE TABLE a (s String DEFAULT 'x;y\';z') ENGINE = Memory;
            /* block; comment */
            CREATE TABLE `b;c` (n UInt8) ENGINE = Memory ;

            SELECT "col;umn" FROM a;
            -- trailing comment only
            """;

        var statements = SqlStatements.Split(script);

        Assert.Equal(3, statements.Count);
        Assert.EndsWith(@"DEFAULT 'x;y\';z') ENGINE = Memory", statements[0], StringComparison.Ordinal);
        Assert.StartsWith("/* block; comment */", statements[1], StringComparison.Ordinal);
        Assert.EndsWith("CREATE TABLE `b;c` (n UInt8) ENGINE = Memory", statements[1], StringComparison.Ordinal);
        Assert.Equal("SELECT \"col;umn\" FROM a", statements[2]);
    }
}
