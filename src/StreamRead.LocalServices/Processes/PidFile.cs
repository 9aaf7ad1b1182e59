using System.Globalization;

namespace StreamRead.LocalServices.Processes;

/// <summary>
/// The file a service keeps beside its data while its server runs: the server's pid and start
/// time, and its owner's (the process that started it). A later start uses it to find and stop
/// a server whose owner was killed, and to refuse a data folder another live owner still uses.
/// </summary>
internal sealed class PidFile(string path)
{
    /// <summary>What the file records; a (pid, start time) pair identifies one process even when pids are reused.</summary>
    public readonly record struct Entry(int ServerPid, long ServerStartTime, int OwnerPid, long OwnerStartTime);

    public string Path { get; } = path;

    /// <summary>Records the running server and its owner.</summary>
    public void Write(Entry entry) =>
        File.WriteAllText(Path, string.Create(
            CultureInfo.InvariantCulture,
            $"{entry.ServerPid} {entry.ServerStartTime} {entry.OwnerPid} {entry.OwnerStartTime}\n"));

    /// <summary>The recorded entry, or null when there is no file or it is unreadable.</summary>
    public Entry? Read()
    {
        string[] parts;
        try
        {
            parts = File.ReadAllText(Path).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return parts.Length == 4
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var serverPid)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var serverStart)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ownerPid)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ownerStart)
                ? new Entry(serverPid, serverStart, ownerPid, ownerStart)
                : null;
    }

    /// <summary>Deletes the file, but only while it still names <paramref name="serverPid"/> (a newer owner may have replaced it).</summary>
    public void DeleteIfOwnedBy(int serverPid)
    {
        if (Read() is { } recorded && recorded.ServerPid != serverPid)
        {
            return;
        }

        File.Delete(Path);
    }

    /// <summary>Deletes the file whatever it holds.</summary>
    public void Delete() => File.Delete(Path);
}
