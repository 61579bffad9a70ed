using Xinyong.Application.Cases;
using Xinyong.Application.Publication;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Cases;
using Xinyong.Objections;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Objections;

namespace Xinyong.Application.Objections;

/// <summary>An objection as the API and the pages show it: the target, the routing, every step's due date with its
/// basis, the pauses, assistance, decision, corrections sent to holders, files and the history (<c>steps</c>).</summary>
public sealed record ObjectionView(
    long Id, string Status, string StatusLabel, string TargetKind, long TargetId, string TargetTitle, RecordView? Record, ListEntryView? ListEntry,
    string SubjectRef, string SubjectName, string Ground, string GroundLabel, string Reason, ApplicantView Applicant, string Channel,
    DateTimeOffset ReceivedAt, DateOnly ReceivedOn, string ReceivedBy, string ReceivedByName, string CompetentUnit, string CompetentUnitName,
    DateOnly? MarkDue, DateOnly? DecisionDue, bool Provisional, IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<PauseView> Pauses,
    IReadOnlyList<AssistanceView> Assistance, DecisionView? Decision, IReadOnlyList<CorrectionView> Corrections,
    IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<StepView> Steps);

/// <summary>The applicant (the subject or its agent).</summary>
public sealed record ApplicantView(string Name, string Contact);

/// <summary>A request for another unit's help, with its 2-working-day deadline.</summary>
public sealed record AssistanceView(
    long Id, string Unit, string UnitName, string Question, DateTimeOffset RequestedAt, DateOnly? Due, bool Provisional, string State,
    string StateLabel, DateTimeOffset? AnsweredAt, string? AnsweredBy, string? Answer);

/// <summary>The decision.</summary>
public sealed record DecisionView(string Outcome, string OutcomeLabel, string? Action, string? ActionLabel, string Reasons, DateTimeOffset DecidedAt, string DecidedBy, int? RecordVersion);

/// <summary>An objection in a list.</summary>
public sealed record ObjectionSummary(
    long Id, string Status, string StatusLabel, string TargetTitle, string SubjectName, DateOnly ReceivedOn, string CompetentUnitName,
    DateOnly? DecisionDue, bool Provisional, string DecisionState, string DecisionStateLabel);

/// <summary>Builds objection views; decides who may see an objection, and logs every read by an account (Art. 35).</summary>
public sealed class ObjectionViews(
    ObjectionDesk desk, CaseViews cases, RecordReader records, ListStore lists, SubjectStore subjects, UnitDirectory units, AccessLog access)
{
    private static readonly string[] DecisionCodes =
        [DeadlineCodes.ObjectionDecision, DeadlineCodes.ObjectionDecisionAssisted, DeadlineCodes.ListObjectionDecision];

    /// <summary>Whether the caller may see the objection: its subject, the competent unit's or the agency's staff, or a unit asked to
    /// help (<see cref="ObjectionKindRules.Assists"/>, the rule the generic case page reads by).</summary>
    public bool MaySee(Caller caller, ObjectionRow o) =>
        caller.Subject?.Id == o.SubjectId
        || caller.Account is { } a && (CaseAccess.MayRead(a, o.CompetentUnit) || ObjectionKindRules.Assists(a, desk.Assistance(o.Id)));

    /// <summary>The objection for the caller, or a 404/403 refusal; an account's read enters the access log.</summary>
    public ObjectionView For(Caller caller, long id, string channel)
    {
        var o = desk.Get(id) ?? throw Refusal.NotFound("objection.not-found", $"没有编号为{id}的异议");
        if (!MaySee(caller, o)) throw Refusal.Forbidden("objection.forbidden", "无权查看该异议");
        if (caller.Account is { } a)
            access.Record(o.SubjectId, a.Kind, a.Code, "异议处理（《黑龙江省社会信用条例》第三十九条）", $"objection:{o.Id} {o.TargetKind}:{o.TargetId}", channel);
        return View(o);
    }

    /// <summary>The full view of an objection.</summary>
    public ObjectionView View(ObjectionRow o)
    {
        var subject = subjects.Get(o.SubjectId)!;
        var today = cases.Today;
        var rows = cases.DeadlineRows(CaseKinds.Objection, o.Id);
        var deadlines = rows.Select(d => cases.Deadline(d, today)).ToList();
        var mark = deadlines.FirstOrDefault(d => d.Code == DeadlineCodes.ObjectionMark);
        var decision = deadlines.LastOrDefault(d => DecisionCodes.Contains(d.Code));
        var (title, record, entry) = Target(o);
        return new ObjectionView(
            o.Id, o.Status, o.Status.Chinese, o.TargetKind, o.TargetId, title, record, entry, subject.Ref, subject.Name,
            o.Ground, ObjectionGrounds.All.GetValueOrDefault(o.Ground, o.Ground), o.Reason, new ApplicantView(o.ApplicantName, o.ApplicantContact), o.Channel,
            o.ReceivedAt, o.ReceivedOn, o.ReceivedBy, units.Name(o.ReceivedBy), o.CompetentUnit, units.Name(o.CompetentUnit),
            mark?.Due, decision?.Due, DeadlineView.AnyProvisional(deadlines), deadlines, cases.Pauses(CaseKinds.Objection, o.Id),
            desk.Assistance(o.Id).Select(a =>
            {
                var d = rows.FirstOrDefault(x => x.RefId == a.Id && x.Code == DeadlineCodes.AssistanceAnswer) is { } row ? cases.Deadline(row, today) : null;
                return new AssistanceView(a.Id, a.Unit, units.Name(a.Unit), a.Question, a.RequestedAt, d?.Due, d?.Provisional ?? false, d?.State ?? "", d?.StateLabel ?? "",
                    a.AnsweredAt, a.AnsweredBy, a.Answer);
            }).ToList(),
            o.DecidedAt is { } at
                ? new DecisionView(o.Status, o.Status.Chinese, o.DecisionAction,
                    o.DecisionAction is { } act ? ObjectionActions.All.GetValueOrDefault(act, act) : null, o.DecisionReasons ?? "", at, o.DecidedBy ?? "", o.RecordVersion)
                : null,
            cases.Corrections(CaseKinds.Objection, o.Id), cases.Attachments(CaseKinds.Objection, o.Id, $"/api/v1/objections/{o.Id}"), cases.History(CaseKinds.Objection, o.Id));
    }

    /// <summary>Objections as a list.</summary>
    public IReadOnlyList<ObjectionSummary> Summaries(IEnumerable<ObjectionRow> rows)
    {
        var today = cases.Today;
        return rows.Select(o =>
        {
            var decision = cases.DeadlineRows(CaseKinds.Objection, o.Id).LastOrDefault(d => DecisionCodes.Contains(d.Code)) is { } row ? cases.Deadline(row, today) : null;
            return new ObjectionSummary(o.Id, o.Status, o.Status.Chinese, Target(o).Title, subjects.Get(o.SubjectId)?.Name ?? "", o.ReceivedOn,
                units.Name(o.CompetentUnit), decision?.Due, decision?.Provisional ?? false, decision?.State ?? "", decision?.StateLabel ?? "");
        }).ToList();
    }

    private (string Title, RecordView? Record, ListEntryView? Entry) Target(ObjectionRow o)
    {
        if (o.RecordId is { } rid && records.Get(rid) is { } r && cases.Record(r) is { } record)
            return ($"{record.ItemName} {record.DecisionNumber}".Trim(), record, null);
        if (o.ListEntryId is { } eid && lists.Get(eid) is { } e)
        {
            var entry = cases.ListEntry(e);
            return ($"{entry.ListLabel} {entry.DecisionNo}", null, entry);
        }
        return ($"{o.TargetKind} {o.TargetId}", null, null);
    }
}
