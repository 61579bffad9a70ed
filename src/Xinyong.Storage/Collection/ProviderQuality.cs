using Dapper;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Storage.Accounts;

namespace Xinyong.Storage.Collection;

/// <summary>How one provider unit sent its records in a period (timeliness and quality per provider).</summary>
/// <param name="Provider">The provider's code.</param>
/// <param name="Name">The provider's name.</param>
/// <param name="Batches">Batches (pushes and files) received in the period.</param>
/// <param name="Rows">Rows in them: accepted, duplicates and rejected.</param>
/// <param name="Accepted">Rows stored (new records and new versions).</param>
/// <param name="Duplicates">Rows identical to what the platform held.</param>
/// <param name="Rejected">Rows refused, each with its reasons.</param>
/// <param name="RejectionRate">Rejected / rows; null without rows.</param>
/// <param name="Timed">Records stored in the period whose decision date is known.</param>
/// <param name="OnTime">Of those, the records received within their item's update cycle (working days after the decision).</param>
/// <param name="OnTimeRate">On time / timed; null without timed records.</param>
/// <param name="OpenSteps">The unit's open case steps today: objection marks and decisions, repairs, corrections to acknowledge.</param>
/// <param name="OverdueSteps">Of those, the ones past their due date.</param>
/// <param name="ForwardsWaiting">On a node with a parent: the unit's record changes waiting to be forwarded to the parent (Art. 21).</param>
/// <param name="ForwardsOverdue">Of those, the ones past their forwarding deadline (3 working days).</param>
/// <param name="ForwardsLate">The unit's record changes forwarded after their deadline in the period.</param>
public sealed record ProviderQualityRow(
    string Provider, string Name, long Batches, long Rows, long Accepted, long Duplicates, long Rejected, double? RejectionRate,
    long Timed, long OnTime, double? OnTimeRate, long OpenSteps, long OverdueSteps, long ForwardsWaiting = 0, long ForwardsOverdue = 0, long ForwardsLate = 0);

/// <summary>
/// Measures each provider unit's timeliness and quality over a period: its batches and rejected rows (the quality
/// pipeline's refusals), whether its records arrived within the catalog item's update cycle (<c>updateWorkingDays</c>,
/// counted in PRC working days from the decision date), and its backlog of open case steps.
/// </summary>
public sealed class ProviderQuality(Database db, CatalogSet catalog, WorkingCalendar calendar, AccountStore accounts, TimeProvider clock)
{
    /// <summary>Every provider unit's figures for the batches received from <paramref name="from"/> to <paramref name="to"/> (China dates, inclusive).</summary>
    public IReadOnlyList<ProviderQualityRow> Of(DateOnly from, DateOnly to)
    {
        var range = new { start = ChinaTime.StartOf(from), end = ChinaTime.StartOf(to.AddDays(1)), today = clock.Today() };
        using var c = db.Open();
        var batches = c.Query<(string Provider, long Batches, long Accepted, long Duplicates, long Rejected)>(
            """
            SELECT provider, COUNT(*), CAST(COALESCE(SUM(accepted), 0) AS BIGINT), CAST(COALESCE(SUM(duplicates), 0) AS BIGINT), CAST(COALESCE(SUM(rejected), 0) AS BIGINT)
            FROM batches WHERE received_at >= @start AND received_at < @end AND finished_at IS NOT NULL GROUP BY provider
            """, range).ToDictionary(b => b.Provider);

        // Timeliness: each stored record against its item's update cycle; one deadline per decision day and cycle.
        var timed = new Dictionary<string, (long Timed, long OnTime)>();
        var due = new Dictionary<(DateOnly, int), DateOnly>();
        foreach (var (provider, item, decidedOn, receivedAt) in c.Query<(string, string, DateOnly, DateTimeOffset)>(
                     """
                     SELECT b.provider, r.item, r.decided_on, b.received_at FROM batches b JOIN records r ON r.batch_id = b.id
                     WHERE b.received_at >= @start AND b.received_at < @end AND r.decided_on IS NOT NULL
                     """, range, buffered: false))
        {
            if (catalog.Item(item) is not { } i) continue;
            if (!due.TryGetValue((decidedOn, i.UpdateWorkingDays), out var last))
                due[(decidedOn, i.UpdateWorkingDays)] = last = calendar.AddWorkingDays(decidedOn, i.UpdateWorkingDays).Due;
            var (t, o) = timed.GetValueOrDefault(provider);
            timed[provider] = (t + 1, o + (ChinaTime.DateOf(receivedAt) <= last ? 1 : 0));
        }

        var steps = c.Query<(string Unit, long Open, long Overdue)>(
            "SELECT unit, COUNT(*), CAST(SUM(CASE WHEN due_on < @today THEN 1 ELSE 0 END) AS BIGINT) FROM case_deadlines WHERE status = 'open' GROUP BY unit",
            range).ToDictionary(s => s.Unit);

        // Forwarding to the parent node (Art. 21: within 3 working days of collection): waiting, overdue, and forwarded late in the period.
        var forwards = new Dictionary<string, (long Waiting, long Overdue)>();
        var forwardDue = new Dictionary<DateOnly, DateOnly>();
        foreach (var (provider, changed) in c.Query<(string, DateTimeOffset)>("SELECT provider, changed_at FROM network_outbox WHERE peer = '^'", buffered: false))
        {
            var day = ChinaTime.DateOf(changed);
            if (!forwardDue.TryGetValue(day, out var d)) forwardDue[day] = d = calendar.AddWorkingDays(day, 3).Due;
            var (w, o) = forwards.GetValueOrDefault(provider);
            forwards[provider] = (w + 1, o + (range.today > d ? 1 : 0));
        }
        var late = c.Query<(string Provider, long N)>(
            "SELECT provider, COUNT(*) FROM network_late WHERE forwarded_at >= @start AND forwarded_at < @end GROUP BY provider", range).ToDictionary(l => l.Provider, l => l.N);

        return accounts.List(AccountKinds.Provider).Select(p =>
        {
            var b = batches.GetValueOrDefault(p.Code);
            var rows = b.Accepted + b.Duplicates + b.Rejected;
            var (t, o) = timed.GetValueOrDefault(p.Code);
            var s = steps.GetValueOrDefault(p.Code);
            return new ProviderQualityRow(p.Code, p.Name, b.Batches, rows, b.Accepted, b.Duplicates, b.Rejected, rows == 0 ? null : (double)b.Rejected / rows,
                t, o, t == 0 ? null : (double)o / t, s.Open, s.Overdue, forwards.GetValueOrDefault(p.Code).Waiting, forwards.GetValueOrDefault(p.Code).Overdue,
                late.GetValueOrDefault(p.Code));
        }).ToList();
    }
}
