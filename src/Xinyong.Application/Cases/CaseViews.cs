using Xinyong.Application.Publication;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Calendar;
using Xinyong.Publication;
using Xinyong.Cases;
using Xinyong.Storage.Lists;

namespace Xinyong.Application.Cases;

/// <summary>A step's deadline as shown: the rule, the unit, the due date with its basis, and where it stands today.</summary>
public sealed record DeadlineView(
    string Code, string Name, string Unit, string UnitName, DateOnly StartOn, int WorkingDays, DateOnly Due, bool Provisional,
    string Basis, string State, string StateLabel, DateTimeOffset? DoneAt)
{
    /// <summary>True while the step is still to be taken.</summary>
    public bool Open => DoneAt is null && State != DueState.Cancelled.Code();

    /// <summary>True when any step still to be taken has a provisional due date.</summary>
    public static bool AnyProvisional(IEnumerable<DeadlineView> steps) => steps.Any(d => d.Open && d.Provisional);
}

/// <summary>One step of a case's history: who, when, what, why.</summary>
public sealed record StepView(DateTimeOffset At, string Actor, string ActorName, string Kind, string KindLabel, string? Detail);

/// <summary>A file of a case, with the address to download it.</summary>
public sealed record AttachmentView(long Id, string FileName, string ContentType, long SizeBytes, string Sha256, string Url);

/// <summary>A clock pause as shown.</summary>
public sealed record PauseView(long Id, string Kind, string KindLabel, DateOnly From, DateOnly? To, bool Running, string? Note);

/// <summary>A correction sent to a holder of a copy, with its acknowledgement and deadline.</summary>
public sealed record CorrectionView(
    long Id, string Holder, string HolderName, long RecordId, int RecordVersion, string Change, DateTimeOffset SentAt,
    DateOnly? Due, bool Provisional, string State, string StateLabel, DateTimeOffset? AcknowledgedAt, string? Note);

/// <summary>An open step of a unit's worklist.</summary>
public sealed record WorkItem(
    long DeadlineId, string CaseKind, string CaseKindLabel, long CaseId, string SubjectRef, string SubjectName, string Code, string Name,
    string Unit, string UnitName, DateOnly Due, bool Provisional, string Basis, string State, string StateLabel, bool OverdueReported, string Link);

/// <summary>
/// The views the objection and repair features share: deadlines with their basis and state, histories, attachments,
/// pauses, corrections sent to holders, the targets (records through <see cref="SubjectViews"/>, the one place that
/// builds what an audience sees), and the worklist.
/// </summary>
public sealed class CaseViews(
    DeadlineStore deadlines, CaseLog log, CaseAttachments attachments, CorrectionNotices notices, UnitDirectory units,
    SubjectViews subjectViews, SubjectStore subjects, TimeProvider clock, Xinyong.Cases.CaseKindSet kinds)
{
    /// <summary>Today's Beijing date on the platform's clock.</summary>
    public DateOnly Today => clock.Today();

    /// <summary>The stored deadlines of a case, in the order they were opened.</summary>
    public IReadOnlyList<CaseDeadline> DeadlineRows(string caseKind, long caseId) => deadlines.OfCase(caseKind, caseId);

    /// <summary>The deadlines of a case, in the order they were opened.</summary>
    public IReadOnlyList<DeadlineView> Deadlines(string caseKind, long caseId)
    {
        var today = clock.Today();
        return deadlines.OfCase(caseKind, caseId).Select(d => Deadline(d, today)).ToList();
    }

    /// <summary>One deadline as shown on <paramref name="today"/>.</summary>
    public DeadlineView Deadline(CaseDeadline d, DateOnly today)
    {
        var state = d.State(today);
        return new DeadlineView(d.Code, d.Name, d.Unit, units.Name(d.Unit), d.StartOn, d.WorkingDays, d.DueOn, d.Provisional, d.Basis, state.Code(), state.Chinese(), d.DoneAt);
    }

    /// <summary>The history of a case.</summary>
    public IReadOnlyList<StepView> History(string caseKind, long caseId) =>
        log.Of(caseKind, caseId).Select(s => new StepView(s.At, s.Actor, s.ActorName, s.Kind, CaseSteps.Name(s.Kind), s.Detail)).ToList();

    /// <summary>The files of a case, with download addresses under <paramref name="baseUrl"/>.</summary>
    public IReadOnlyList<AttachmentView> Attachments(string caseKind, long caseId, string baseUrl) =>
        attachments.Of(caseKind, caseId).Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Sha256, $"{baseUrl}/attachments/{a.Id}")).ToList();

    /// <summary>The clock pauses of a case.</summary>
    public IReadOnlyList<PauseView> Pauses(string caseKind, long caseId) =>
        deadlines.Pauses(caseKind, caseId).Select(p => new PauseView(p.Id, p.Kind, PauseKinds.All.GetValueOrDefault(p.Kind, p.Kind), p.FromOn, p.ToOn, p.ToOn is null, p.Note)).ToList();

    /// <summary>The corrections a case sent, each with its holder's deadline.</summary>
    public IReadOnlyList<CorrectionView> Corrections(string caseKind, long caseId)
    {
        var today = clock.Today();
        var steps = deadlines.OfCase(caseKind, caseId).Where(d => d.Code == DeadlineCodes.Propagation).ToDictionary(d => d.RefId ?? 0);
        return notices.OfCase(caseKind, caseId).Select(n => Correction(n, steps.GetValueOrDefault(n.Id), today)).ToList();
    }

    /// <summary>One correction notice with its deadline.</summary>
    public CorrectionView Correction(CorrectionNotice n, CaseDeadline? step, DateOnly today)
    {
        var state = step?.State(today);
        return new CorrectionView(n.Id, n.Holder, units.Name(n.Holder), n.RecordId, n.RecordVersion, n.Change, n.SentAt, step?.DueOn, step?.Provisional ?? false,
            state?.Code() ?? "", state?.Chinese() ?? "", n.AcknowledgedAt, n.Note);
    }

    /// <summary>A record as its subject (and staff) see it: every field, unmasked, with its publication state and mark.</summary>
    public RecordView? Record(StoredRecord r)
    {
        var s = subjects.Get(r.SubjectId);
        return s is null ? null : subjectViews.Record(r, s.IsNaturalPerson, Audience.Full, clock.Today());
    }


    /// <summary>A list entry as shown.</summary>
    public ListEntryView ListEntry(ListEntry e) => ListEntryView.Of(e, units.Name(e.DecidingUnit));

    /// <summary>The open steps of some units (all when null), earliest due first, due-today and overdue marked.</summary>
    public IReadOnlyList<WorkItem> Worklist(IReadOnlyCollection<string>? forUnits, int limit = 500)
    {
        var today = clock.Today();
        var rows = deadlines.Worklist(forUnits, limit);
        var names = rows.Select(w => w.Deadline.Unit).Distinct().ToDictionary(u => u, units.Name);
        return rows.Select(w =>
        {
            var d = w.Deadline;
            var state = d.State(today);
            var link = d.CaseKind switch
            {
                CaseKinds.Objection or CaseKinds.Repair => $"/staff/cases/{d.CaseId}",   // the one generic case page
                "commitment" => $"/staff/commitments/{d.CaseId}",
                _ => "/api/v1/corrections",   // a provider's correction: the holder's notices, to acknowledge
            };
            return new WorkItem(d.Id, d.CaseKind, kinds.Find(d.CaseKind)?.Name ?? CaseKinds.Chinese(d.CaseKind), d.CaseId, w.Subject.SubjectRef, w.Subject.SubjectName, d.Code, d.Name,
                d.Unit, names[d.Unit], d.DueOn, d.Provisional, d.Basis, state.Code(), state.Chinese(), d.OverdueReportedAt is not null, link);
        }).ToList();
    }

    /// <summary>Formats a date as ISO 8601.</summary>
    public static string Iso(DateOnly d) => WorkingCalendar.Iso(d);
}
