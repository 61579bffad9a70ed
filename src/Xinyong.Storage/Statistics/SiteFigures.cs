using Dapper;
using Xinyong.Storage.Publication;

namespace Xinyong.Storage.Statistics;

/// <summary>The figures the home page shows.</summary>
/// <param name="Subjects">Credit subjects the platform holds information on.</param>
/// <param name="PublicRecords">Records open to the public today.</param>
/// <param name="LicencesThisMonth">行政许可 decided this month and public.</param>
/// <param name="PenaltiesThisMonth">行政处罚 decided this month and public.</param>
/// <param name="Dishonesty">Entries on the 严重失信主体名单 in force and published.</param>
/// <param name="Incentive">Entries on the 守信激励主体名单 in force and published.</param>
/// <param name="RepairsDone">Credit repairs completed (Art. 40-41).</param>
public sealed record HomeFigures(long Subjects, long PublicRecords, long LicencesThisMonth, long PenaltiesThisMonth, long Dishonesty, long Incentive, long RepairsDone);

/// <summary>
/// The site-wide figures of the home page (counts only: nothing about one subject). Counting every public record of a
/// province on each visit of the home page would be the platform's most frequent full scan, so the figures are kept
/// for <see cref="Fresh"/> (and recounted on a new day).
/// </summary>
public sealed class SiteFigures(Database db, TimeProvider clock)
{
    /// <summary>How long counted figures are shown before they are counted again.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);

    private (DateOnly Day, DateTimeOffset At, HomeFigures Figures)? _kept;

    /// <summary>The figures as of <paramref name="today"/> (Beijing date), counted at most every <see cref="Fresh"/>.</summary>
    public HomeFigures Home(DateOnly today)
    {
        var now = clock.GetUtcNow();
        if (_kept is { } k && k.Day == today && now - k.At < Fresh && now >= k.At) return k.Figures;
        var figures = Count(today);
        _kept = (today, now, figures);
        return figures;
    }

    /// <summary>The figures counted now.</summary>
    public HomeFigures Count(DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        using var c = db.Open();
        var p = new { today, monthStart };
        long Count(string sql) => c.ExecuteScalar<long>(sql, p);
        return new HomeFigures(
            Count("SELECT COUNT(*) FROM subjects"),
            Count($"SELECT COUNT(*) FROM records r WHERE {Publication.InForceSql.Record}"),
            Count($"SELECT COUNT(*) FROM records r WHERE r.item = 'admin-licence' AND r.decided_on >= @monthStart AND r.decided_on <= @today AND {Publication.InForceSql.Record}"),
            Count($"SELECT COUNT(*) FROM records r WHERE r.item = 'admin-penalty' AND r.decided_on >= @monthStart AND r.decided_on <= @today AND {Publication.InForceSql.Record}"),
            Count("SELECT COUNT(*) FROM list_entries WHERE list = 'dishonesty' AND status = 'active' AND published = TRUE AND starts_on <= @today AND (ends_on IS NULL OR ends_on >= @today)"),
            Count("SELECT COUNT(*) FROM list_entries WHERE list = 'incentive' AND status = 'active' AND published = TRUE AND starts_on <= @today AND (ends_on IS NULL OR ends_on >= @today)"),
            Count("SELECT COUNT(*) FROM repairs WHERE status = 'completed'"));
    }
}
