using Xinyong.Calendar;
using Xinyong.Cases;
using Xinyong.Storage;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Notifications;

namespace Xinyong.Application.Cases;

/// <summary>What one run of the deadline watch did.</summary>
/// <param name="Recomputed">Cases whose open deadlines were recomputed (running pauses, provisional dates).</param>
/// <param name="OverdueReported">Overdue steps reported to the credit authority.</param>
/// <param name="Delivered">Messages handed to delivery channels.</param>
public sealed record WatchReport(int Recomputed, int OverdueReported, int Delivered);

/// <summary>
/// The deadline watch, run periodically by the platform and directly by tests after moving the clock: it recomputes
/// deadlines that move by themselves (running pauses; provisional dates once a calendar year is loaded), reports every overdue step once to the credit authority (社会信用主管部门)
/// and to the unit that let it slip, and dispatches the outbox.
/// </summary>
public sealed class DeadlineWatch(Database db, DeadlineStore deadlines, CaseLog log, Outbox outbox, UnitDirectory units, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs once; concurrent calls run one after the other.</summary>
    public WatchReport RunOnce()
    {
        _gate.Wait();
        try
        {
            var cases = deadlines.CasesToRecompute();
            foreach (var (kind, id) in cases) deadlines.RecomputeCase(kind, id);
            var reported = 0;
            foreach (var batch in deadlines.OverdueUnreported(clock.Today()).Chunk(200)) reported += Report(batch);
            return new WatchReport(cases.Count, reported, outbox.Dispatch());
        }
        finally { _gate.Release(); }
    }

    /// <summary>Reports a batch of overdue steps in one transaction; returns how many this run reported.</summary>
    private int Report(IReadOnlyList<CaseDeadline> batch)
    {
        var now = clock.GetUtcNow();
        var reported = 0;
        var names = batch.Select(d => d.Unit).Distinct().ToDictionary(u => u, units.Name);
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        foreach (var d in batch)
        {
            if (!DeadlineStore.MarkReported(c, tx, d.Id, now)) continue;
            var what = $"{CaseKinds.Chinese(d.CaseKind)}（编号{d.CaseId}）的“{d.Name}”应由{names[d.Unit]}于{CaseText.Day(d.DueOn, d.Provisional)}前办理，现已逾期";
            log.Append(c, tx, d.CaseKind, d.CaseId, Actor.Platform, "overdue-reported", $"{what}；依据：{d.Basis}", now);
            outbox.Send(c, tx, new Mailbox(Recipients.Role, Recipients.AuthorityRole), d.CaseKind, d.CaseId, "办理逾期报告", $"{what}（{WorkingCalendar.Iso(ChinaTime.DateOf(now))}报告）。");
            outbox.Send(c, tx, new Mailbox(Recipients.Unit, d.Unit), d.CaseKind, d.CaseId, "办理已逾期", $"{what}，已报告社会信用主管部门，请立即办理。");
            reported++;
        }
        tx.Commit();
        return reported;
    }
}
