using Xinyong.Calendar;
using Xinyong.Application.Cases;
using Xinyong.Application.Publication;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Catalog;
using Xinyong.Cases;
using Xinyong.Repairs;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Repairs;

namespace Xinyong.Application.Repairs;

/// <summary>A repair application as the API and the pages show it.</summary>
public sealed record RepairView(
    long Id, string Status, string StatusLabel, long RecordId, string RecordTitle, RecordView? Record, string SubjectRef, string SubjectName,
    string HandlerUnit, string HandlerUnitName, string Statement, RepairApplicantView Applicant, string Channel, DateTimeOffset SubmittedAt,
    DateOnly SubmittedOn, DateOnly? AcceptanceDue, DateOnly? DecisionDue, bool Provisional, IReadOnlyList<DeadlineView> Deadlines,
    IReadOnlyList<EvidenceView> Evidence, RepairDecisionView? Decision, IReadOnlyList<CorrectionView> Corrections, IReadOnlyList<StepView> Steps)
{
    /// <summary>The applicant's public credit commitment (national Credit Repair Measures), published with the completed repair.</summary>
    public string? Commitment { get; init; }
    /// <summary>The commitment case that publishes it under 信用承诺公示 (<c>/commitments</c>).</summary>
    public long? CommitmentId { get; init; }
}

/// <summary>The applicant.</summary>
public sealed record RepairApplicantView(string Name, string Contact);

/// <summary>A piece of evidence, with the address of its file.</summary>
public sealed record EvidenceView(string Kind, string Description, AttachmentView? File);

/// <summary>The outcome of acceptance or decision.</summary>
public sealed record RepairDecisionView(string Outcome, string OutcomeLabel, string? Reasons, DateTimeOffset At, string By);

/// <summary>An application in a list.</summary>
public sealed record RepairSummary(
    long Id, string Status, string StatusLabel, string RecordTitle, string SubjectName, DateOnly SubmittedOn, string HandlerUnitName, DateOnly? DecisionDue, bool Provisional);

/// <summary>What the portal publishes about credit repair (《黑龙江省“十四五”社会信用体系建设规划》三（三）): per item, the conditions, evidence and the
/// minimum disclosure period; the procedure with its deadlines; the periods each unit published.</summary>
public sealed record RepairRulesView(
    string DeadlineVersion, DateOnly Effective, string PublishedBy, IReadOnlyList<RepairItemView> Items, IReadOnlyList<ProcedureStepView> Procedure,
    IReadOnlyList<UnitDeadlineView> Units);

/// <summary>The repair rule of one catalog item.</summary>
public sealed record RepairItemView(string Code, string Name, IReadOnlyList<string> Conditions, IReadOnlyList<string> Evidence, int? MinMonths, int? SeriousMinMonths);

/// <summary>One step of the procedure with its general period.</summary>
public sealed record ProcedureStepView(string Code, string Name, int WorkingDays, string From, string Basis);

/// <summary>A unit's published repair periods.</summary>
public sealed record UnitDeadlineView(string Unit, string Name, IReadOnlyDictionary<string, int> WorkingDays);

/// <summary>Builds repair views; decides who may see an application, and logs every read by an account (Art. 35).</summary>
public sealed class RepairViews(RepairDesk desk, CaseViews cases, RecordReader records, SubjectStore subjects, UnitDirectory units, CatalogSet catalog,
    DeadlineRules rules, AccessLog access, TimeProvider clock)
{
    /// <summary>Whether the caller may see an application: its subject, or the handling unit's or the agency's staff.</summary>
    public static bool MaySee(Caller caller, RepairRow r) =>
        caller.Subject?.Id == r.SubjectId || caller.Account is { } a && CaseAccess.MayRead(a, r.HandlerUnit);

    /// <summary>The application for the caller, or a refusal; an account's read enters the access log.</summary>
    public RepairView For(Caller caller, long id, string channel)
    {
        var r = desk.Get(id) ?? throw Refusal.NotFound("repair.not-found", $"没有编号为{id}的信用修复申请");
        if (!MaySee(caller, r)) throw Refusal.Forbidden("repair.forbidden", "无权查看该申请");
        if (caller.Account is { } a)
            access.Record(r.SubjectId, a.Kind, a.Code, "信用修复（《黑龙江省社会信用条例》第四十条）", $"repair:{r.Id} record:{r.RecordId}", channel);
        return View(r);
    }

    /// <summary>The full view of an application.</summary>
    public RepairView View(RepairRow r)
    {
        var subject = subjects.Get(r.SubjectId)!;
        var deadlines = cases.Deadlines(CaseKinds.Repair, r.Id);
        var acceptance = deadlines.FirstOrDefault(d => d.Code == DeadlineCodes.RepairAcceptance);
        var decision = deadlines.FirstOrDefault(d => d.Code == DeadlineCodes.RepairDecision);
        var record = records.Get(r.RecordId) is { } sr ? cases.Record(sr) : null;
        var baseUrl = $"/api/v1/repairs/{r.Id}";
        var files = cases.Attachments(CaseKinds.Repair, r.Id, baseUrl).ToDictionary(a => a.Id);
        RepairDecisionView? outcome =
            r.Status == RepairStatus.NotAccepted ? new(r.Status, r.Status.Chinese, r.DecisionReasons, r.AcceptedAt!.Value, r.AcceptedBy ?? "")
            : r.Status == RepairStatus.Completed || r.Status == RepairStatus.Refused ? new(r.Status, r.Status.Chinese, r.DecisionReasons, r.DecidedAt!.Value, r.DecidedBy ?? "")
            : null;
        return new RepairView(
            r.Id, r.Status, r.Status.Chinese, r.RecordId, Title(record, r.RecordId), record, subject.Ref, subject.Name, r.HandlerUnit, units.Name(r.HandlerUnit),
            r.Statement, new RepairApplicantView(r.ApplicantName, r.ApplicantContact), r.Channel, r.SubmittedAt, r.SubmittedOn, acceptance?.Due,
            decision?.State == DueState.Cancelled.Code() ? null : decision?.Due, DeadlineView.AnyProvisional(deadlines), deadlines,
            desk.Evidence(r.Id).Select(e => new EvidenceView(e.Kind, e.Description, e.AttachmentId is { } f ? files.GetValueOrDefault(f) : null)).ToList(),
            outcome, cases.Corrections(CaseKinds.Repair, r.Id), cases.History(CaseKinds.Repair, r.Id)) { Commitment = r.Commitment, CommitmentId = r.CommitmentId };
    }

    /// <summary>Applications as a list.</summary>
    public IReadOnlyList<RepairSummary> Summaries(IEnumerable<RepairRow> rows) => rows.Select(r =>
    {
        var decision = cases.DeadlineRows(CaseKinds.Repair, r.Id).FirstOrDefault(d => d.Code == DeadlineCodes.RepairDecision && d.Status != DueStates.Cancelled);
        var record = records.Get(r.RecordId) is { } sr ? cases.Record(sr) : null;
        return new RepairSummary(r.Id, r.Status, r.Status.Chinese, Title(record, r.RecordId), subjects.Get(r.SubjectId)?.Name ?? "", r.SubmittedOn,
            units.Name(r.HandlerUnit), decision?.DueOn, decision?.Provisional ?? false);
    }).ToList();

    /// <summary>The published conditions, procedure and deadlines, from the catalog and the deadline rules in force today.</summary>
    public RepairRulesView Rules()
    {
        var set = rules.For(clock.Today());
        var items = catalog.Current.Items.Values.Where(i => i.Nature == Nature.Negative && i.Repair.Allowed).OrderBy(i => i.Category).ThenBy(i => i.Code)
            .Select(i => new RepairItemView(i.Code, i.Name, i.Repair.Conditions, i.Repair.Evidence, i.Disclosure.RepairAfterMonths, i.SeriousDisclosure?.RepairAfterMonths))
            .ToList();
        var procedure = new[] { DeadlineCodes.RepairAcceptance, DeadlineCodes.RepairDecision }
            .Select(code => set.Rule(code)).Select(r => new ProcedureStepView(r.Code, r.Name, r.WorkingDays, r.From, r.Basis)).ToList();
        var published = set.Units.Values.OrderBy(u => u.Unit).Select(u => new UnitDeadlineView(u.Unit, u.Name, u.WorkingDays)).ToList();
        return new RepairRulesView(set.Version, set.Effective, set.PublishedBy, items, procedure, published);
    }

    private string Title(RecordView? record, long id) => record is null ? $"信用记录{id}" : $"{record.ItemName} {record.DecisionNumber}".Trim();
}
