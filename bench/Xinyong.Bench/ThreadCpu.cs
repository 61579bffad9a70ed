using System.Runtime.InteropServices;

namespace Xinyong.Bench;

/// <summary>
/// The calling thread's own CPU time (user + system, <c>getrusage(RUSAGE_THREAD)</c>), in microseconds: on a shared machine
/// it varies far less with the load than wall time does, so before/after comparisons of a single-threaded step use it.
/// </summary>
internal static class ThreadCpu
{
    public static long Micros() =>
        OperatingSystem.IsLinux() && GetRusage(1 /* RUSAGE_THREAD */, out var u) == 0
            ? u.UserSec * 1_000_000 + u.UserMicros + u.SystemSec * 1_000_000 + u.SystemMicros
            : 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSec, UserMicros, SystemSec, SystemMicros;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)] public long[] Rest;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);
}
