namespace StreamRead.LocalServices.Processes;

/// <summary>Finds a server executable the way a shell would, plus the sbin folders a non-root PATH often lacks.</summary>
internal static class BinaryLocator
{
    // Debian installs clickhouse-server in /usr/sbin, which is not on a regular user's PATH.
    private static readonly string[] ExtraFolders = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    /// <summary>
    /// Resolves <paramref name="configured"/> (a name looked up on PATH, or a path) to an executable file.
    /// </summary>
    /// <param name="configured">The configured binary: a bare name or a path.</param>
    /// <param name="package">The Debian package that provides the default binary (named in the error).</param>
    /// <param name="configKey">The setting that overrides the binary (named in the error).</param>
    public static string Find(string configured, string package, string configKey)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Stale-process detection reads /proc; other systems run the services with docker compose.
            throw new LocalServiceException("local services run on Linux only: elsewhere use 'docker compose up' (see README.md)");
        }

        if (configured.Contains('/'))
        {
            var full = Path.GetFullPath(configured);
            return IsExecutable(full)
                ? full
                : throw new LocalServiceException($"{full} does not exist or is not executable: fix {configKey}, or remove it to use {package} from PATH");
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraFolders);
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, configured);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        throw new LocalServiceException(
            $"{configured} was not found on PATH nor in {string.Join(", ", ExtraFolders)}: run ./streamread, which installs {package}, " +
            $"or apt-get install {package}; or set {configKey} to its location");
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
