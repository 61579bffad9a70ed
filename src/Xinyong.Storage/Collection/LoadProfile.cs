using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Xinyong.Storage.Collection;

/// <summary>
/// Where an import's time goes, step by step (the loading thread's steps for each chunk, the reading thread's wait for a
/// free slot, the work after the batch): wall time summed over the import, for the benchmark (<c>import --profile</c>).
/// Each step has its wall time, the CPU time of the thread that ran it (Linux; what the step itself cost, whatever the
/// machine's load) and the managed memory that thread allocated in it (what the garbage collector pays for). Off unless a <see cref="CollectionPipeline.Profile"/> is set.
/// </summary>
public sealed class LoadProfile
{
    private readonly Dictionary<string, (long Ticks, long CpuMicros, long Bytes, long Count)> _steps = new();
    private readonly List<string> _order = [];
    private readonly Lock _lock = new();

    /// <summary>Rows the steps are divided by in <see cref="Report"/> (set by the caller, e.g. the rows read).</summary>
    public long Rows { get; set; }

    /// <summary>A point in time on this thread (wall clock and the thread's CPU time), to pass to <see cref="Step"/>.</summary>
    public static Mark Now() => new(Stopwatch.GetTimestamp(), ThreadCpuMicros(), GC.GetAllocatedBytesForCurrentThread());

    /// <summary>Adds the time since <paramref name="since"/> to <paramref name="step"/> and moves <paramref name="since"/> to now.</summary>
    public void Step(string step, ref Mark since)
    {
        var now = Now();
        lock (_lock)
        {
            if (!_steps.TryGetValue(step, out var s)) _order.Add(step);
            _steps[step] = (s.Ticks + now.Ticks - since.Ticks, s.CpuMicros + now.CpuMicros - since.CpuMicros, s.Bytes + now.Bytes - since.Bytes, s.Count + 1);
        }
        since = now;
    }

    /// <summary>The total wall seconds of one step (0 when it never ran).</summary>
    public double Seconds(string step)
    {
        lock (_lock) return _steps.TryGetValue(step, out var s) ? (double)s.Ticks / Stopwatch.Frequency : 0;
    }

    /// <summary>One line a step: wall seconds, CPU seconds of its thread, CPU µs a row, bytes the thread allocated a row, times run.</summary>
    public string Report()
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {"step",-28} {"wall s",8} {"CPU s",8} {"CPU µs/row",11} {"alloc B/row",11} {"runs",7}"));
        lock (_lock)
            foreach (var name in _order)
            {
                var (ticks, cpu, bytes, count) = _steps[name];
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-28} {(double)ticks / Stopwatch.Frequency,8:F2} {cpu / 1e6,8:F2} {(Rows > 0 ? (double)cpu / Rows : 0),11:F1} {(Rows > 0 ? (double)bytes / Rows : 0),11:F0} {count,7:N0}"));
            }
        return sb.ToString();
    }

    /// <summary>A wall-clock timestamp, the thread's CPU time in µs and the bytes it has allocated.</summary>
    public readonly record struct Mark(long Ticks, long CpuMicros, long Bytes);

    /// <summary>The calling thread's own CPU time (user + system, <c>getrusage(RUSAGE_THREAD)</c>) in µs; 0 off Linux.
    /// On a shared machine it varies far less with the load than wall time does.</summary>
    public static long ThreadCpuMicros()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        return GetRusage(1 /* RUSAGE_THREAD */, out var u) == 0 ? u.UserSec * 1_000_000 + u.UserMicros + u.SystemSec * 1_000_000 + u.SystemMicros : 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSec, UserMicros, SystemSec, SystemMicros;
        private long _r0, _r1, _r2, _r3, _r4, _r5, _r6, _r7, _r8, _r9, _r10, _r11, _r12, _r13;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
#pragma warning disable SYSLIB1054 // a plain P/Invoke: LibraryImport needs unsafe code enabled for the whole assembly
    private static extern int GetRusage(int who, out RUsage usage);
#pragma warning restore SYSLIB1054
}
