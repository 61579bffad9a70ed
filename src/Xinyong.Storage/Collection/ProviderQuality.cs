using Dapper;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Storage.Accounts;

namespace Xinyong.Storage.Collection;

/// <summary>How one provider unit sent its records in a period (SPEC section 6: timeliness and quality per provider).</summary>
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
public sealed record ProviderQualityRow(
    string Provider, string Name, long Batches, long Rows, long Accepted, long Duplicates, long Rejected, double? RejectionRate,
    long Timed, long OnTime, double? OnTimeRate, long OpenSteps, long OverdueSteps);

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

        return accounts.List(AccountKinds.Provider).Select(p =>
        {
            var b = batches.GetValueOrDefault(p.Code);
            var rows = b.Accepted + b.Duplicates + b.Rejected;
            var (t, o) = timed.GetValueOrDefault(p.Code);
            var s = steps.GetValueOrDefault(p.Code);
            return new ProviderQualityRow(p.Code, p.Name, b.Batches, rows, b.Accepted, b.Duplicates, b.Rejected, rows == 0 ? null : (double)b.Rejected / rows,
                t, o, t == 0 ? null : (double)o / t, s.Open, s.Overdue);
        }).ToList();
    }
}
