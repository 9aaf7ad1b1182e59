using System.Runtime.InteropServices;

namespace StreamRead.LocalServices.Processes;

/// <summary>
/// POSIX signals. .NET's <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL;
/// a clean stop needs SIGTERM so the servers flush and release their files.
/// </summary>
internal static partial class Signals
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    /// <summary>Asks the process to stop; false when it no longer exists.</summary>
    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    /// <summary>Stops the process at once; false when it no longer exists.</summary>
    public static bool ForceKill(int pid) => Kill(pid, SigKill) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
