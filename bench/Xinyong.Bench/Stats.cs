namespace Xinyong.Bench;

/// <summary>Summary figures of a series of timings in milliseconds.</summary>
internal static class Stats
{
    /// <summary>The q-quantile (0..1) by the nearest-rank method.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The peak working set of this process so far, in MiB.</summary>
    public static double PeakWorkingSetMiB()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
