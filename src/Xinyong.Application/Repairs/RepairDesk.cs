using Xinyong.Application.Cases;
using Xinyong.Application.Commitments;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Cases;
using Xinyong.Publication;
using Xinyong.Repairs;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Repairs;
using Xinyong.Storage.Subjects;
using Xinyong.Text;

namespace Xinyong.Application.Repairs;

/// <summary>One piece of evidence of correction: its kind (as the item's repair rule names it), what it shows, and a file.</summary>
public sealed record NewEvidence(string Kind, string Description, NewAttachment? File);

/// <summary>A credit repair application as filed.</summary>
/// <param name="RecordId">The negative record to repair.</param>
/// <param name="Statement">How the subject corrected its conduct and removed the adverse effects.</param>
/// <param name="ApplicantName">The applicant.</param>
/// <param name="ApplicantContact">How to reach the applicant.</param>
/// <param name="To"><c>unit</c> (the deciding unit, default) or <c>agency</c> (the credit agency) — Art. 40.</param>
/// <param name="Evidence">The evidence the item's repair rule requires.</param>
/// <param name="ReceivedOn">For a paper application: the day it was received (default today).</param>
public sealed record NewRepair(long RecordId, string Statement, string ApplicantName, string ApplicantContact, string? To, IReadOnlyList<NewEvidence> Evidence, DateOnly? ReceivedOn)
{
    /// <summary>The applicant's public credit commitment (national Credit Repair Measures): required, published with the repair.</summary>
    public string? Commitment { get; init; }
}

/// <summary>
/// The credit repair desk (Art. 40): checks eligibility against the item's repair rule and minimum disclosure period
/// (refusing with the reason and the earliest date), takes the application to the deciding unit or the credit agency
/// with its published deadlines (acceptance, then decision from acceptance), and on completion stops publication, ends
/// the DishonestyList entries the record supports — so every measure ends at once, checks derive them from the current
/// state — notifies the subject and passes the change on to every holder of a copy. It is the domain work of the case
/// kind <c>repair</c> (data/cases/repair.yaml) on the case engine: every step is one <see cref="CaseEngine"/> action in
/// one transaction. An application's id is its case id.
/// </summary>
public sealed class RepairDesk(
    CaseEngine engine, RepairStore store, CatalogSet catalog, RecordReader records, RecordChanges changes, Lists.ListEnding lists, UnitDirectory units,
    CaseAttachments attachments, CorrectionNotices notices, TimeProvider clock,
    CommitmentDesk commitments, SubjectStore subjects, Xinyong.Storage.Emergencies.EmergencyRegistry emergencies)
{
    /// <summary>The role of the applicant among the case's parties.</summary>
    public const string Applicant = "applicant";

    /// <summary>Whether a record can be repaired today.</summary>
    public RepairEligibility Eligibility(StoredRecord r)
    {
        var item = catalog.Item(r.Item) ?? throw Refusal.Conflict("repair.item-unknown", $"目录项{r.Item}已不在目录中");
        return RepairFlow.Check(item, r.State, r.RepairFrom, clock.Today());
    }

    /// <summary>Files an application.</summary>
    /// <exception cref="Refusal">Not eligible (yet: the reason and the earliest date), invalid input, not the subject's own
    /// record or not the staff member's unit, unknown record, an application already pending.</exception>
    public RepairRow Apply(NewRepair n, Filer filer)
    {
        var r = records.Get(n.RecordId) ?? throw Refusal.NotFound("record.not-found", $"没有编号为{n.RecordId}的信用记录");
        if (filer.Subject is { } s && s.Id != r.SubjectId)
            throw Refusal.Forbidden("repair.not-own", "只能对自身的失信信息申请信用修复");
        // The conditions of the national Credit Repair Measures first (minimum window, then the public credit commitment),
        // so that an applicant learns the date or the missing commitment before the details of the form.
        var eligibility = Eligibility(r);
        if (!eligibility.Eligible) throw RepairFlow.Ineligible(eligibility);
        var commitment = RepairFlow.RequireCommitment(n.Commitment);
        CaseText.Require(n.Statement, "statement", "纠正失信行为、消除不利影响的情况说明", 4000);
        CaseText.Require(n.ApplicantName, "applicant.name", "申请人姓名或名称", 200);
        CaseText.Require(n.ApplicantContact, "applicant.contact", "联系方式", 200);
        var item = catalog.Item(r.Item)!;
        foreach (var e in n.Evidence)
        {
            if (!item.Repair.Evidence.Contains(e.Kind))
                throw Refusal.Invalid("repair.invalid-evidence", $"“{e.Kind}”不是“{item.Name}”信用修复所需的材料（{string.Join("、", item.Repair.Evidence)}）");
            CaseText.Require(e.Description, "evidence.description", $"“{e.Kind}”的说明", 2000);
        }
        if (n.Evidence.GroupBy(e => e.Kind).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw Refusal.Invalid("repair.invalid-evidence", $"“{twice.Key}”重复");
        var missing = RepairFlow.MissingEvidence(item, n.Evidence.Select(e => e.Kind));
        if (missing.Count > 0)
            throw Refusal.Invalid("repair.invalid-evidence", $"缺少信用修复所需材料：{string.Join("、", missing)}");
        CaseAttachments.Validate(n.Evidence.Where(e => e.File is not null).Select(e => e.File!).ToList());
        var handler = n.To switch
        {
            null or "" or "unit" => r.Provider,
            "agency" => CreditAgency.Code,
            _ => throw Refusal.Invalid("repair.invalid-to", "须为 unit（认定单位）或 agency（公共信用工作机构）"),
        };
        if (filer.Staff is { } staff && !UnitDirectory.MayActFor(staff, handler))
            throw Refusal.Forbidden("repair.wrong-unit", $"该申请应向{units.Name(handler)}或公共信用工作机构提出");
        var today = clock.Today();
        var receivedOn = filer.Staff is not null && n.ReceivedOn is { } d ? d : today;
        if (receivedOn > today || receivedOn < today.AddDays(-30))
            throw Refusal.Invalid("repair.invalid-received-on", "收到书面申请的日期不能晚于今天，也不能早于30日前");

        var actor = filer.Actor;
        var subject = subjects.Get(r.SubjectId) ?? throw Refusal.NotFound("record.not-found", $"没有编号为{n.RecordId}的信用记录");
        var who = filer.Subject is { } fs ? new CaseActor(actor, null, fs.Id) : CaseActor.Of(filer.Staff!);
        var name = n.ApplicantName.Trim();
        var contact = n.ApplicantContact.Trim();
        long id = 0;
        // The application (a repair case) and the applicant's public credit commitment (a commitment case published under
        // the commitments, linked to the repair) commit together in one transaction.
        commitments.ForRepair(new RepairPledge(r.SubjectId, subject.Ref, subject.Name, commitment, handler, (ctx, repairId, commitmentId) =>
            store.LinkCommitment(ctx.Connection, ctx.Transaction, repairId, commitmentId)), who, pledge =>
        {
            var (c, tx) = (pledge.Connection, pledge.Transaction);
            if (store.PendingFor(c, tx, r.Id) is { } p) throw Refusal.Conflict("repair.pending-exists", $"该信息已有办理中的信用修复申请（编号{p}）");
            var opening = new CaseOpening(handler, r.SubjectId, "{}", [new NewParty(Applicant, name, SubjectId: r.SubjectId, Contact: contact)]);
            return pledge.OpenCase(CaseKinds.Repair, opening, ctx =>
            {
                id = ctx.Case.Id;
                if (!store.Insert(c, tx, new RepairInsert(id, r.SubjectId, r.Id, handler, n.Statement.Trim(), name, contact, filer.Channel, actor.Code, ctx.At, receivedOn, commitment)))
                    throw Refusal.Conflict("repair.pending-exists", "该信息已有办理中的信用修复申请");
                foreach (var e in n.Evidence)
                    store.AddEvidence(c, tx, id, e.Kind, e.Description.Trim(), e.File is null ? null : attachments.Add(c, tx, CaseKinds.Repair, id, e.File, actor.Code, ctx.At));
                var acceptance = ctx.StartStep(DeadlineCodes.RepairAcceptance, receivedOn, handler);
                var decision = ctx.StartStep(DeadlineCodes.RepairDecision, acceptance.DueOn, handler, extendedDays: Shortening(subject.Region, today, acceptance.DueOn, handler).Days);
                ctx.EntryKind = "filed";
                ctx.Entry($"{(filer.Channel == "online" ? "网上提交" : $"书面申请，{WorkingCalendar.Iso(receivedOn)}收到")}，向{units.Name(handler)}申请修复记录{r.Id}；材料：{string.Join("、", n.Evidence.Select(e => e.Kind))}；信用承诺{pledge.Case.Number}已公示");
                ctx.Notify(new Mailbox(Recipients.Unit, handler), "新的信用修复申请",
                    $"收到对信用记录{r.Id}的信用修复申请（编号{id}），请于{CaseText.Day(acceptance.DueOn, acceptance.Provisional)}前决定是否受理（{acceptance.Basis}）。");
                ctx.Notify(Mailbox.OfSubject(r.SubjectId), "信用修复申请已提交",
                    $"您的信用修复申请（编号{id}）已提交{units.Name(handler)}：受理期限{CaseText.Day(acceptance.DueOn, acceptance.Provisional)}，受理后{decision.WorkingDays}个工作日内作出决定（最迟{CaseText.Day(decision.DueOn, decision.Provisional)}）。您的信用承诺（{pledge.Case.Number}）已在信用承诺公示中公示。", contact);
            }).Id;
        });
        return Get(id)!;
    }

    /// <summary>Accepts (受理) an application, or does not accept it with reasons.</summary>
    public RepairRow Accept(long id, Account staff, bool accept, string? reasons)
    {
        var r = Acting(id, staff);
        if (!accept) RepairFlow.RequireReasons(reasons);
        RepairFlow.Require(r.Status, RepairStatus.Submitted);
        engine.Act(id, accept ? RepairStatus.Accepted : RepairStatus.NotAccepted, CaseActor.Of(staff), null, ctx =>
        {
            var (c, tx) = (ctx.Connection, ctx.Transaction);
            if (!store.Accept(c, tx, id, accept ? RepairStatus.Accepted : RepairStatus.NotAccepted, ctx.At, staff.Code, accept ? null : reasons!.Trim()))
                throw Refusal.Conflict("repair.state", "该申请已由他人办理，不能再决定是否受理");
            string message;
            if (accept)
            {
                // During an emergency declared for the subject's region the decision period is shortened as declared (Art. 30 (3)).
                var decision = ctx.Steps().Single(d => d.Code == DeadlineCodes.RepairDecision);
                var (shorten, emergency) = Shortening(subjects.Get(r.SubjectId)?.Region, ctx.Today, ctx.Today, r.HandlerUnit);
                var due = ctx.RecomputeStep(decision, DeadlineCodes.RepairDecision, ctx.Today, shorten);
                var shortened = emergency is null ? "" : $"（{emergency.Name}期间，信用修复决定时限压缩为{emergency.RepairDecisionWorkingDays}个工作日，《黑龙江省社会信用条例》第三十条第三款）";
                ctx.Detail = $"修复决定期限{CaseText.Day(due.DueOn, due.Provisional)}{shortened}{(string.IsNullOrWhiteSpace(reasons) ? "" : "；" + reasons.Trim())}";
                message = $"您的信用修复申请（编号{id}）已受理，将于{CaseText.Day(due.DueOn, due.Provisional)}前作出决定{shortened}。";
            }
            else
            {
                ctx.Detail = reasons!.Trim();
                message = $"您的信用修复申请（编号{id}）不予受理：{Punctuation.Clause(reasons)}。";
            }
            ctx.Notify(Mailbox.OfSubject(r.SubjectId), accept ? "信用修复申请已受理" : "信用修复申请不予受理", message, r.ApplicantContact);
        });
        return Get(id)!;
    }

    /// <summary>
    /// Decides an accepted application in one transaction. Completed: publication stops, the DishonestyList entries the
    /// record supports end, every measure ends at once (Art. 40), the subject is told and holders of copies are notified.
    /// Refused: with reasons. Should any part fail, nothing of it is stored.
    /// </summary>
    public RepairRow Decide(long id, Account staff, bool complete, string? reasons)
    {
        var r = Acting(id, staff);
        if (!complete) RepairFlow.RequireReasons(reasons);
        RepairFlow.Require(r.Status, RepairStatus.Accepted);
        var note = string.IsNullOrWhiteSpace(reasons) ? null : reasons.Trim();
        var actor = Actor.Of(staff);
        engine.Act(id, complete ? RepairStatus.Completed : RepairStatus.Refused, CaseActor.Of(staff), note, ctx =>
        {
            var (c, tx) = (ctx.Connection, ctx.Transaction);
            if (!store.Decide(c, tx, id, complete ? RepairStatus.Completed : RepairStatus.Refused, ctx.At, staff.Code, note))
                throw Refusal.Conflict("repair.state", "该申请已由他人作出决定");
            ctx.Entry(note);
            if (complete)
            {
                changes.Withhold(c, tx, r.RecordId, staff.Code, "repaired", $"信用修复{id}完成{(note is null ? "" : "：" + note)}");
                var ended = lists.EndForRecord(c, tx, r.RecordId, "repaired", staff.Code);
                ctx.Log("record-withheld", $"记录{r.RecordId}停止公示");
                foreach (var e in ended)
                    ctx.Log("list-entry-ended", $"名单条目{e}已移出，失信约束和惩戒措施即时终止（第四十条）");
                ctx.Notify(Mailbox.OfSubject(r.SubjectId), "信用修复完成",
                    $"您的信用修复申请（编号{id}）已完成：该失信信息已停止公示{(ended.Count > 0 ? "，已移出严重失信主体名单" : "")}，失信约束和惩戒措施即时终止。", r.ApplicantContact);
                notices.Send(c, tx, RecordReader.Get(c, tx, r.RecordId)!, RecordChangeKinds.Withheld, CaseKinds.Repair, id, actor);
            }
            else
            {
                ctx.Notify(Mailbox.OfSubject(r.SubjectId), "信用修复不予修复", $"您的信用修复申请（编号{id}）不予修复：{Punctuation.Clause(note)}。", r.ApplicantContact);
            }
        });
        return Get(id)!;
    }

    /// <summary>
    /// The working days an emergency declaration in force on <paramref name="day"/> for the subject's division takes off the
    /// repair decision period that starts on <paramref name="start"/> (0 when none applies or it is not shorter), and the declaration.
    /// </summary>
    private (int Days, Xinyong.Emergencies.EmergencyDeclaration? Declaration) Shortening(string? division, DateOnly day, DateOnly start, string unit)
    {
        if (emergencies.RepairDecision(division, day) is not { } e) return (0, null);
        var rule = engine.DeadlineRule(DeadlineCodes.RepairDecision, start, unit);
        return e.WorkingDays < rule.WorkingDays ? (e.WorkingDays - rule.WorkingDays, e.Declaration) : (0, null);
    }

    /// <summary>One application, or null.</summary>
    public RepairRow? Get(long id) => store.Get(id);

    /// <summary>The evidence of an application.</summary>
    public IReadOnlyList<EvidenceRow> Evidence(long id) => store.Evidence(id);

    /// <summary>The applications of a subject, newest first.</summary>
    public IReadOnlyList<RepairRow> OfSubject(long subjectId) => store.OfSubject(subjectId);

    /// <summary>The applications a unit handles (all when null), pending first, newest first.</summary>
    public IReadOnlyList<RepairRow> OfUnit(string? unit, int limit = 500) => store.OfUnit(unit, limit);

    /// <summary>Whether an account may take the handling unit's steps.</summary>
    public static bool MayAct(Account a, RepairRow r) => CaseAccess.MayAct(a, r.HandlerUnit);

    private RepairRow Acting(long id, Account staff)
    {
        var r = Get(id) ?? throw Refusal.NotFound("repair.not-found", $"没有编号为{id}的信用修复申请");
        if (!MayAct(staff, r)) throw CaseAccess.Refused(units.Name(r.HandlerUnit), r.HandlerUnit);
        return r;
    }
}
