namespace StreamRead.Cli.Commands;

/// <summary>An error the user can fix; the CLI prints its message (which says what to do) and exits with 1.</summary>
internal sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
