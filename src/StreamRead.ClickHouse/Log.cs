using Microsoft.Extensions.Logging;

namespace StreamRead.ClickHouse;

/// <summary>Every log message of the ClickHouse client and migrator, with stable event ids (1100-1199).</summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Information, "Applying ClickHouse migration {Version} ({Name}) to {Database}")]
    public static partial void MigrationApplying(ILogger logger, int version, string name, string database);

    [LoggerMessage(1101, LogLevel.Information, "ClickHouse database {Database} is up to date: {Applied} of {Known} migrations applied now")]
    public static partial void MigrationsDone(ILogger logger, string database, int applied, int known);
}
