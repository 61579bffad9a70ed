using Dapper;
using Xinyong.Calendar;

namespace Xinyong.Storage.Statistics;

/// <summary>A count per day (Beijing date) and key (a provider, a scenario …).</summary>
public sealed record DailyCount(DateOnly Day, string Key, long Count);

/// <summary>A count per key and state (a unit's open and overdue steps, an outcome …).</summary>
public sealed record KeyedCount(string Key, string State, long Count);

/// <summary>
/// The figures behind the staff dashboards and the public statistics page: counts by day, unit and outcome. Counts only;
/// the pages name providers and units, never a subject.
/// </summary>
public sealed class DeskFigures(Database db)
{
    /// <summary>Rows stored (new records and new versions) per Beijing day and provider, from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public IReadOnlyList<DailyCount> RecordsReceived(DateOnly from, DateOnly to)
    {
        using var c = db.Open();
        return c.Query<(string Provider, DateTimeOffset At, long Accepted)>(
                "SELECT provider, received_at, accepted FROM batches WHERE received_at >= @start AND received_at < @end AND finished_at IS NOT NULL",
                new { start = ChinaTime.StartOf(from), end = ChinaTime.StartOf(to.AddDays(1)) })
            .GroupBy(b => (Day: ChinaTime.DateOf(b.At), b.Provider))
            .Select(g => new DailyCount(g.Key.Day, g.Key.Provider, g.Sum(b => b.Accepted)))
            .OrderBy(d => d.Day).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Checks per day and scenario (all departments), from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public IReadOnlyList<DailyCount> Checks(DateOnly from, DateOnly to)
    {
        using var c = db.Open();
        return c.Query<(DateOnly Day, string Scenario, long Count)>(
            "SELECT day, scenario, CAST(SUM(checks) AS BIGINT) FROM check_counts WHERE day >= @from AND day <= @to GROUP BY day, scenario ORDER BY day, scenario",
            new { from, to }).Select(r => new DailyCount(r.Day, r.Scenario, r.Count)).ToList();
    }

    /// <summary>Open case steps per unit, split into <c>due</c> (not yet late) and <c>overdue</c> as of <paramref name="today"/>.</summary>
    public IReadOnlyList<KeyedCount> OpenSteps(DateOnly today)
    {
        using var c = db.Open();
        return Keyed(c.Query<(string, string, long)>(
            """
            SELECT unit, CASE WHEN due_on < @today THEN 'overdue' ELSE 'due' END, COUNT(*)
            FROM case_deadlines WHERE status = 'open' GROUP BY unit, CASE WHEN due_on < @today THEN 'overdue' ELSE 'due' END
            """, new { today })).OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Objections by kind of target (<c>record</c>, <c>list-entry</c>) and status.</summary>
    public IReadOnlyList<KeyedCount> Objections()
    {
        using var c = db.Open();
        return Keyed(c.Query<(string, string, long)>("SELECT target_kind, status, COUNT(*) FROM objections GROUP BY target_kind, status")).ToList();
    }

    /// <summary>Repair applications by status.</summary>
    public IReadOnlyList<KeyedCount> Repairs()
    {
        using var c = db.Open();
        return Keyed(c.Query<(string, string, long)>("SELECT 'repair', status, COUNT(*) FROM repairs GROUP BY status")).ToList();
    }

    private static IEnumerable<KeyedCount> Keyed(IEnumerable<(string Key, string State, long Count)> rows) => rows.Select(r => new KeyedCount(r.Key, r.State, r.Count));

    /// <summary>Public 双公示 decisions of <paramref name="item"/> per month of decision: the <paramref name="months"/> months up to and including <paramref name="today"/>'s.</summary>
    public IReadOnlyList<(DateOnly Month, long Count)> DecisionsPerMonth(string item, DateOnly today, int months)
    {
        using var c = db.Open();
        var first = new DateOnly(today.Year, today.Month, 1);
        var result = new List<(DateOnly, long)>();
        for (var m = months - 1; m >= 0; m--)
        {
            var start = first.AddMonths(-m);
            var end = start.AddMonths(1).AddDays(-1);
            result.Add((start, c.ExecuteScalar<long>(
                $"SELECT COUNT(*) FROM records r WHERE r.item = @item AND r.decided_on >= @start AND r.decided_on <= @end AND {Publication.InForceSql.Record}",
                new { item, start, end, today })));
        }
        return result;
    }

    /// <summary>Public records per catalog item today.</summary>
    public IReadOnlyList<(string Item, long Count)> PublicRecordsByItem(DateOnly today)
    {
        using var c = db.Open();
        return c.Query<(string, long)>($"SELECT r.item, COUNT(*) FROM records r WHERE {Publication.InForceSql.Record} GROUP BY r.item ORDER BY r.item", new { today }).ToList();
    }

    /// <summary>Credit repairs completed per month of decision: the <paramref name="months"/> months up to and including <paramref name="today"/>'s.</summary>
    public IReadOnlyList<(DateOnly Month, long Count)> RepairsCompletedPerMonth(DateOnly today, int months)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        var start = first.AddMonths(-(months - 1));
        using var c = db.Open();
        var done = c.Query<DateTimeOffset>("SELECT decided_at FROM repairs WHERE status = 'completed' AND decided_at >= @from", new { from = ChinaTime.StartOf(start) })
            .Select(ChinaTime.DateOf).ToList();
        return Enumerable.Range(0, months).Select(i => start.AddMonths(i))
            .Select(m => (m, (long)done.Count(d => d.Year == m.Year && d.Month == m.Month))).ToList();
    }
}
