using System.Globalization;

namespace StreamRead.LocalServices.Processes;

/// <summary>
/// Reads what Linux's /proc says about a process. The start time (field 22 of
/// <c>/proc/&lt;pid&gt;/stat</c>, in clock ticks since boot) never changes for a process and
/// differs for a later process that reuses the pid, so pid + start time identify one process.
/// </summary>
internal static class ProcFs
{
    /// <summary>The process's start time, or null when no live process has this pid (zombies count as gone).</summary>
    public static long? StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: fields after it
        // are counted from the last ')'. Field 3 is the state, field 22 the start time.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0] is "Z" or "X")
        {
            return null;
        }

        return long.Parse(fields[19], CultureInfo.InvariantCulture);
    }

    /// <summary>The process's command line with arguments separated by spaces, or "" when unreadable.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>True while the process that had <paramref name="startTime"/> still runs.</summary>
    public static bool IsAlive(int pid, long startTime) => StartTime(pid) == startTime;
}
