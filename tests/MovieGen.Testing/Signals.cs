using System.Runtime.InteropServices;

namespace MovieGen.Testing;

/// <summary>POSIX signals for fault tests: SIGKILL/SIGTERM to one process, SIGINT to a whole
/// process group (a negative pid) as a terminal's Ctrl-C does.</summary>
public static class Signals
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <summary>kill(2): 0 when the signal was sent.</summary>
    public static int Send(int pid, int signal) => SysKill(pid, signal);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
