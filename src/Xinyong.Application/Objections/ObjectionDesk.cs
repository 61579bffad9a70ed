using System.Data.Common;
using Xinyong.Application.Cases;
using Xinyong.Calendar;
using Xinyong.Cases;
using Xinyong.Measures;
using Xinyong.Objections;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Objections;
using Xinyong.Storage.Publication;
using Xinyong.Text;

namespace Xinyong.Application.Objections;

/// <summary>An objection as filed.</summary>
/// <param name="TargetKind">record or list-entry.</param>
/// <param name="TargetId">The record's or the list entry's id.</param>
/// <param name="Ground">One of <see cref="ObjectionGrounds"/>; null for the default.</param>
/// <param name="Reason">The written reasons (Art. 39: 书面提出异议申请，并说明理由).</param>
/// <param name="ApplicantName">The applicant (the subject or its agent).</param>
/// <param name="ApplicantContact">How to reach the applicant.</param>
/// <param name="ReceivedOn">For a paper application: the day the unit received it (default today).</param>
/// <param name="Attachments">Scans and evidence.</param>
public sealed record NewObjection(
    string TargetKind, long TargetId, string? Ground, string Reason, string ApplicantName, string ApplicantContact,
    DateOnly? ReceivedOn, IReadOnlyList<NewAttachment> Attachments);

/// <summary>
/// The objection desk (Art. 35, 39): the domain work of the case kind <c>objection</c> (data/cases/objection.yaml) on
/// the case engine. It receives objections online and on paper, routes them to the competent unit (or tells the subject
/// which unit is competent), marks the record or list entry at once, keeps every step's deadline (mark 1, decision 3,
/// with assistance 7, assistance answer 2, list entries 3, holders 3 working days, clock pauses for inspection, testing,
/// quarantine, appraisal and expert review), and carries out the decision: a corrected record (a new version) or one
/// withheld from publication, passed on to every holder of a copy; or an ended list entry, whose measures end with it.
/// Every step is one <see cref="CaseEngine"/> action (Open, Act, Pause, Resume): the objection, its effect on the record
/// or entry, the mark, the deadlines, the history (and the audit chain) and the messages commit together or not at all.
/// An objection's id is its case id.
/// </summary>
public sealed class ObjectionDesk(
    CaseEngine engine, ObjectionStore store, RecordReader records, RecordChanges changes, Collection.RecordChangeDesk corrections, ListStore lists, Lists.ListEnding ending, UnitDirectory units,
    CaseAttachments attachments, CorrectionNotices notices, TimeProvider clock)
{
    private static readonly string[] DecisionCodes =
        [DeadlineCodes.ObjectionDecision, DeadlineCodes.ObjectionDecisionAssisted, DeadlineCodes.ListObjectionDecision];

    /// <summary>The role of the applicant among the case's parties.</summary>
    public const string Applicant = "applicant";

    /// <summary>Receives an objection. In scope: marked at once, with its mark and decision deadlines. Otherwise referred.</summary>
    /// <exception cref="Refusal">Invalid input, not the subject's own information, unknown target, an objection already
    /// open against the target or a revoked record.</exception>
    public ObjectionRow File(NewObjection n, Filer filer)
    {
        if (n.TargetKind is not (ObjectionTargets.Record or ObjectionTargets.ListEntry))
            throw Refusal.Invalid("objection.invalid-target", "须指明异议的对象：recordId（信用记录）或 listEntryId（名单）");
        CaseText.Require(n.Reason, "reason", "异议理由", 4000);
        CaseText.Require(n.ApplicantName, "applicant.name", "申请人姓名或名称", 200);
        CaseText.Require(n.ApplicantContact, "applicant.contact", "联系方式", 200);
        CaseAttachments.Validate(n.Attachments);
        var ground = ObjectionFlow.Ground(n.TargetKind, n.Ground);
        var (subjectId, competent) = Target(n.TargetKind, n.TargetId);
        if (filer.Subject is { } s && s.Id != subjectId)
            throw Refusal.Forbidden("objection.not-own", "只能对自身的信用信息提出异议");
        var today = clock.Today();
        var receivedOn = filer.Staff is not null && n.ReceivedOn is { } d ? d : today;
        if (receivedOn > today || receivedOn < today.AddDays(-30))
            throw Refusal.Invalid("objection.invalid-received-on", "收到书面申请的日期不能晚于今天，也不能早于30日前");
        var routing = ObjectionFlow.Route(filer.ReceivingUnit, competent);
        var actor = filer.Actor;
        var who = filer.Subject is { } fs ? new CaseActor(actor, null, fs.Id) : CaseActor.Of(filer.Staff!);
        var name = n.ApplicantName.Trim();
        var contact = n.ApplicantContact.Trim();
        ObjectionRow? row = null;
        var refusedByIndex = false;
        var competentName = units.Name(competent);   // read once for the history and the messages
        var opening = new CaseOpening(routing.InScope ? competent : filer.ReceivingUnit, subjectId, "{}",
            [new NewParty(Applicant, name, SubjectId: subjectId, Contact: contact)]);
        try
        {
            engine.Open(CaseKinds.Objection, opening, who, ctx =>
            {
                var (c, tx, id) = (ctx.Connection, ctx.Transaction, ctx.Case.Id);
                // An objection in scope opens on the partial unique index (one open objection a record or list entry); one
                // referred elsewhere is not open, so it is checked against the open ones first.
                if (!routing.InScope && store.OpenAgainst(c, tx, n.TargetKind, n.TargetId) is { } existing)
                    throw OpenExists(existing);
                if (!store.Insert(c, tx, new ObjectionInsert(id, subjectId, n.TargetKind, n.TargetId, ground, n.Reason.Trim(), name, contact,
                    filer.Channel, actor.Code, filer.ReceivingUnit, competent, routing.InScope ? ObjectionStatus.Open : ObjectionStatus.Referred, ctx.At, receivedOn)))
                {
                    refusedByIndex = true;
                    throw OpenExists(null);
                }
                foreach (var a in n.Attachments) attachments.Add(c, tx, CaseKinds.Objection, id, a, actor.Code, ctx.At);
                ctx.EntryKind = "filed";
                ctx.Entry($"{(filer.Channel == "online" ? "网上提交" : $"书面申请，{WorkingCalendar.Iso(receivedOn)}收到")}；异议事由：{ObjectionGrounds.All[ground]}；附件{n.Attachments.Count}份");
                var subjectBox = Mailbox.OfSubject(subjectId);
                if (routing.InScope)
                {
                    if (filer.ReceivingUnit != competent)
                        ctx.Log("routed", $"转交有权处理单位：{competentName}（{competent}）", Actor.Platform);
                    var mark = ctx.StartStep(DeadlineCodes.ObjectionMark, receivedOn, competent);
                    var decision = ctx.StartStep(ObjectionFlow.DecisionRule(n.TargetKind, false), receivedOn, competent);
                    ctx.Notify(new Mailbox(Recipients.Unit, competent), "新的异议申请",
                        $"收到对{TargetName(n.TargetKind, n.TargetId)}的异议申请（编号{id}），请于{CaseText.Day(decision.DueOn, decision.Provisional)}前作出处理决定（{decision.Basis}）。");
                    ctx.Notify(subjectBox, "异议申请已收到",
                        $"您的异议申请（编号{id}）已收到，由{competentName}处理：异议标注期限{CaseText.Day(mark.DueOn, mark.Provisional)}，处理决定期限{CaseText.Day(decision.DueOn, decision.Provisional)}。", contact);
                    ApplyMark(ctx, n.TargetKind, n.TargetId, mark);
                }
                else
                {
                    ctx.State = ObjectionStatus.Referred;
                    var receivingName = units.Name(filer.ReceivingUnit);
                    ctx.Log("referred", $"不属于{receivingName}处理范围，有权处理的单位：{competentName}（{competent}）");
                    ctx.Notify(subjectBox, "异议申请告知",
                        $"您的异议申请（编号{id}）不属于{receivingName}处理范围，请向有权处理的单位{competentName}提出，或通过信用平台网上提交。", contact);
                }
                row = store.Get(c, tx, id);   // the objection as it commits, read in the transaction (no second connection)
            });
        }
        catch (Refusal) when (refusedByIndex)
        {
            // Refused by the index, whose transaction is gone (PostgreSQL aborts it): the open objection's number, read after.
            throw OpenExists(store.OpenAgainst(n.TargetKind, n.TargetId));
        }
        return row!;
    }

    private static Refusal OpenExists(long? existing) => Refusal.Conflict("objection.open-exists",
        existing is { } e ? $"该信息已有处理中的异议（编号{e}），请等待处理决定" : "该信息已有处理中的异议，请等待处理决定");

    /// <summary>Asks another unit to help verify; the decision period becomes 7 working days (records), the unit has 2 to answer.</summary>
    public AssistanceRow RequestAssistance(long id, Account staff, string? unit, string? question)
    {
        var first = Acting(id, staff);
        CaseText.Require(unit, "unit", "协助核查单位", 100);
        CaseText.Require(question, "question", "需核查的事项", 2000);
        unit = unit!.Trim();
        question = question!.Trim();
        if (unit == first.CompetentUnit || !units.Exists(unit))
            throw Refusal.Invalid("objection.invalid-unit", $"“{unit}”不是可以协助核查的其他单位（须为平台上的提供单位或部门）");
        ObjectionFlow.RequireOpen(first.Status);
        AssistanceRow? row = null;
        engine.Act(id, "assistance-requested", CaseActor.Of(staff), null, ctx =>
        {
            var (c, tx) = (ctx.Connection, ctx.Transaction);
            var o = Open(c, tx, id);
            if (store.AwaitsAnswer(c, tx, id, unit))
                throw Refusal.Conflict("objection.assistance-pending", $"已向{units.Name(unit)}发出协助核查通知，尚未反馈");
            var aid = store.AddAssistance(c, tx, id, unit, question, ctx.At, staff.Code);
            var answer = ctx.StartStep(DeadlineCodes.AssistanceAnswer, ctx.Today, unit, aid);
            var decision = DecisionStep(ctx);
            var assistedRule = ObjectionFlow.DecisionRule(o.TargetKind, assisted: true);
            var newDecision = decision is not null && decision.Code != assistedRule ? ctx.RecomputeStep(decision, assistedRule, decision.StartOn) : decision;
            ctx.Detail = $"请{units.Name(unit)}协助核查：{question}；反馈期限{CaseText.Day(answer.DueOn, answer.Provisional)}；处理决定期限{(newDecision is null ? "" : CaseText.Day(newDecision.DueOn, newDecision.Provisional))}";
            ctx.Notify(new Mailbox(Recipients.Unit, unit), "协助核查通知",
                $"{units.Name(o.CompetentUnit)}请贵单位协助核查异议（编号{id}）：{Punctuation.Clause(question)}。请于{CaseText.Day(answer.DueOn, answer.Provisional)}前反馈核查结果（{answer.Basis}）。");
            if (newDecision is not null && newDecision.DueOn != decision?.DueOn)
                ctx.Notify(Mailbox.OfSubject(o.SubjectId), "异议处理期限调整",
                    $"您的异议（编号{id}）需其他单位协助核查，处理决定期限为{CaseText.Day(newDecision.DueOn, newDecision.Provisional)}（{newDecision.Basis}）。", o.ApplicantContact);
            row = store.Assistance(c, tx, id).Single(a => a.Id == aid);
        });
        return row!;
    }

    /// <summary>The assisting unit (its account, or its staff) answers a request.</summary>
    public AssistanceRow AnswerAssistance(long id, long assistanceId, Account answerer, string? answer)
    {
        var o = Get(id) ?? throw NotFound(id);
        var a = store.Assistance(id).FirstOrDefault(x => x.Id == assistanceId)
                ?? throw Refusal.NotFound("objection.assistance-not-found", $"异议{id}没有编号为{assistanceId}的协助核查通知");
        if (!MayAnswer(answerer, a))
            throw Refusal.Forbidden("objection.not-assisting-unit", $"只有{units.Name(a.Unit)}可以反馈核查结果");
        CaseText.Require(answer, "answer", "核查结果", 4000);
        if (a.AnsweredAt is not null) throw Refusal.Conflict("objection.assistance-answered", "该协助核查已反馈");
        ObjectionFlow.RequireOpen(o.Status);
        AssistanceRow? row = null;
        engine.Act(id, "assistance-answered", CaseActor.Of(answerer), answer!.Trim(), ctx =>
        {
            var (c, tx) = (ctx.Connection, ctx.Transaction);
            if (!store.Answer(c, tx, assistanceId, answer.Trim(), ctx.At, answerer.Code))
                throw Refusal.Conflict("objection.assistance-answered", "该协助核查已反馈");
            if (ctx.Steps().FirstOrDefault(d => d.RefId == assistanceId && d.Code == DeadlineCodes.AssistanceAnswer && d.Status == DueStates.Open) is { } step)
                ctx.CompleteStep(step);
            ctx.Notify(new Mailbox(Recipients.Unit, o.CompetentUnit), "协助核查结果已反馈",
                $"{units.Name(a.Unit)}已反馈异议（编号{id}）的协助核查结果。");
            row = store.Assistance(c, tx, id).Single(x => x.Id == assistanceId);
        });
        return row!;
    }

    /// <summary>Whether an account may answer a request for assistance: the assisting unit's own account or its staff.</summary>
    public static bool MayAnswer(Account a, AssistanceRow request) => a.Code == request.Unit || UnitDirectory.MayActFor(a, request.Unit);

    /// <summary>Stops the decision clock for inspection, testing, quarantine, appraisal or expert review (Art. 39).</summary>
    public StoredPause StartPause(long id, Account staff, string? kind, DateOnly from, DateOnly? to, string? note)
    {
        var o = Acting(id, staff);
        if (kind is null || !PauseKinds.All.TryGetValue(kind, out var kindName))
            throw Refusal.Invalid("objection.invalid-kind", $"须为 {string.Join(", ", PauseKinds.All.Keys)} 之一");
        ObjectionFlow.RequireOpen(o.Status);
        if (from < o.ReceivedOn || from > clock.Today())
            throw Refusal.Invalid("objection.invalid-from", "暂停开始日期须在收到申请之日与今天之间");
        if (to is { } t && t < from) throw Refusal.Invalid("objection.invalid-to", "暂停结束日期不能早于开始日期");
        return engine.Pause(id, kind, from, to, note, CaseActor.Of(staff), ctx =>
        {
            var decision = DecisionStep(ctx) ?? throw Refusal.Conflict("objection.no-decision-pending", "该异议没有待作出的处理决定");
            if (!ctx.Pausable(decision))
                throw Refusal.Conflict("objection.not-pausable", $"“{decision.Name}”的期限不因检验、检测、检疫、鉴定或专家评审暂停（{decision.Basis}）");
            ctx.Detail = $"{kindName}：{WorkingCalendar.Iso(from)}起{(to is { } e ? $"至{WorkingCalendar.Iso(e)}" : "")}不计入异议处理时间{(string.IsNullOrWhiteSpace(note) ? "" : "（" + note.Trim() + "）")}；处理决定期限{CaseText.Day(decision.DueOn, decision.Provisional)}";
            ctx.Notify(Mailbox.OfSubject(o.SubjectId), "异议处理暂停计时",
                $"您的异议（编号{id}）需{kindName}，所需时间不计入异议处理时间（《黑龙江省社会信用条例》第三十九条）。", o.ApplicantContact);
        });
    }

    /// <summary>Ends a running pause: <paramref name="to"/> is its last day; the decision deadline moves accordingly.</summary>
    public StoredPause EndPause(long id, long pauseId, Account staff, DateOnly to)
    {
        var o = Acting(id, staff);
        ObjectionFlow.RequireOpen(o.Status);
        var p = engine.Pauses(engine.Cases.Get(id)!).FirstOrDefault(x => x.Id == pauseId)
                ?? throw Refusal.NotFound("objection.pause-not-found", $"异议{id}没有编号为{pauseId}的暂停");
        if (p.ToOn is not null) throw Refusal.Conflict("objection.pause-ended", "该暂停已结束");
        if (to < p.FromOn || to > clock.Today())
            throw Refusal.Invalid("objection.invalid-to", "暂停结束日期须在开始日期与今天之间");
        return engine.Resume(id, to, CaseActor.Of(staff), ctx =>
        {
            var moved = DecisionStep(ctx);
            ctx.Detail = $"{PauseKinds.All[p.Kind]}：{WorkingCalendar.Iso(p.FromOn)}至{WorkingCalendar.Iso(to)}不计入异议处理时间；处理决定期限{(moved is null ? "" : CaseText.Day(moved.DueOn, moved.Provisional))}";
        });
    }

    /// <summary>
    /// Decides an objection in one transaction. Upheld against a record: corrected (a new version) or withheld, the
    /// correction sent to every holder; against a list entry: the entry ends and its measures with it (Art. 35). Rejected:
    /// with reasons. The applicant is told; the mark is removed when no other objection stays open. Should any part fail,
    /// nothing of it is stored: no correction or withholding without its decision, no decision with a stale mark.
    /// </summary>
    /// <exception cref="Refusal">Not open, an invalid decision, or corrected content that is invalid or changes nothing.</exception>
    public ObjectionRow Decide(long id, Account staff, DecisionRequest request, IReadOnlyDictionary<string, string?>? correction)
    {
        var first = Acting(id, staff);
        ObjectionFlow.RequireOpen(first.Status);
        var (outcome, action) = ObjectionFlow.Validate(first.TargetKind, request with { HasCorrection = correction is { Count: > 0 } });
        var reasons = request.Reasons!.Trim();
        var actor = Actor.Of(staff);
        engine.Act(id, outcome, CaseActor.Of(staff), reasons, ctx =>
        {
            var (c, tx) = (ctx.Connection, ctx.Transaction);
            var o = Open(c, tx, id);
            ctx.Entry(reasons);
            StoredRecord? after = null;
            if (outcome == ObjectionStatus.Upheld && action == ObjectionActions.Correct)
            {
                var before = RecordReader.Get(c, tx, o.RecordId!.Value)!;
                after = corrections.Correct(c, tx, staff, before.Id, correction!, $"异议{id}成立：{reasons}");
                if (after.ContentHash == before.ContentHash)
                    throw Refusal.Invalid("objection.correction-unchanged", "更正后的内容与现有内容相同");
            }
            else if (outcome == ObjectionStatus.Upheld && action == ObjectionActions.Withhold)
            {
                changes.Withhold(c, tx, o.RecordId!.Value, staff.Code, "objection-upheld", $"异议{id}成立：{reasons}");
                after = RecordReader.Get(c, tx, o.RecordId!.Value)!;
            }
            else if (outcome == ObjectionStatus.Upheld)
            {
                ending.End(c, tx, o.ListEntryId!.Value, "objection-upheld", staff.Code);
            }

            if (!store.Decide(c, tx, id, outcome, ctx.At, staff.Code, action, reasons, after?.Version))
                throw Refusal.Conflict("objection.decided", $"异议{id}已由他人作出处理决定，请刷新后查看");
            string effect;
            if (action == ObjectionActions.Correct)
            {
                effect = $"信用信息已更正（第{after!.Version}版）";
                ctx.Log("record-corrected", $"记录{after.Id}更正为第{after.Version}版");
            }
            else if (action == ObjectionActions.Withhold)
            {
                effect = "该信息已停止公示";
                ctx.Log("record-withheld", $"记录{after!.Id}停止公示");
            }
            else if (action == ObjectionActions.EndListing)
            {
                effect = "已移出严重失信主体名单，有关部门终止实施失信惩戒措施";
                ctx.Log("list-entry-ended", $"名单条目{o.ListEntryId}已移出，惩戒措施终止（第三十五条）");
            }
            else effect = "决定不予更正";
            ctx.Notify(Mailbox.OfSubject(o.SubjectId), "异议处理决定",
                $"您的异议（编号{id}）{(outcome == ObjectionStatus.Upheld ? "理由成立" : "理由不成立")}：{Punctuation.Clause(reasons)}。{Punctuation.Clause(effect)}。", o.ApplicantContact);
            if (after is not null)
                notices.Send(c, tx, after, action == ObjectionActions.Correct ? RecordChangeKinds.Corrected : RecordChangeKinds.Withheld,
                    CaseKinds.Objection, id, actor);
            ClearMarkUnlessOpen(ctx, o);
        });
        return Get(id)!;
    }

    /// <summary>One objection, or null.</summary>
    public ObjectionRow? Get(long id) => store.Get(id);

    /// <summary>The objections of a subject, newest first.</summary>
    public IReadOnlyList<ObjectionRow> OfSubject(long subjectId) => store.OfSubject(subjectId);

    /// <summary>The objections a unit handles (all units when null), open first, newest first.</summary>
    public IReadOnlyList<ObjectionRow> OfUnit(string? unit, int limit = 500) => store.OfUnit(unit, limit);

    /// <summary>The open objections against one record or list entry.</summary>
    public IReadOnlyList<ObjectionRow> OpenAgainst(string targetKind, long targetId) => store.AllOpenAgainst(targetKind, targetId);

    /// <summary>The assistance requests of an objection.</summary>
    public IReadOnlyList<AssistanceRow> Assistance(long id) => store.Assistance(id);

    /// <summary>The assistance requests addressed to a unit, unanswered first.</summary>
    public IReadOnlyList<AssistanceRow> AssistanceFor(string unit, int limit = 200) => store.AssistanceFor(unit, limit);

    /// <summary>Whether an account may take the competent unit's steps on an objection.</summary>
    public static bool MayAct(Account a, ObjectionRow o) => CaseAccess.MayAct(a, o.CompetentUnit);

    /// <summary>Marks the record or list entry "under objection" at once, the mark step completed with it (by the platform).</summary>
    private void ApplyMark(CaseContext ctx, string targetKind, long targetId, CaseDeadline mark)
    {
        if (targetKind == ObjectionTargets.Record) changes.MarkObjection(ctx.Connection, ctx.Transaction, targetId, true, Actor.Platform.Code, $"异议{ctx.Case.Id}");
        else ListStore.MarkObjection(ctx.Connection, ctx.Transaction, targetId, true);
        ctx.CompleteStep(mark);
        ctx.Log("marked", $"{TargetName(targetKind, targetId)}已标注“异议处理中”，在门户、接口、信用报告和开放数据中一并显示", Actor.Platform);
    }

    private void ClearMarkUnlessOpen(CaseContext ctx, ObjectionRow o)
    {
        var (c, tx) = (ctx.Connection, ctx.Transaction);
        if (store.OpenAgainst(c, tx, o.TargetKind, o.TargetId) is not null) return;
        if (o.TargetKind == ObjectionTargets.Record) changes.MarkObjection(c, tx, o.RecordId!.Value, false, ctx.Who.Actor.Code, $"异议{o.Id}已处理");
        else ListStore.MarkObjection(c, tx, o.ListEntryId!.Value, false);
        ctx.Log("mark-removed", $"{TargetName(o.TargetKind, o.TargetId)}的异议标注已撤除");
    }

    private ObjectionRow Acting(long id, Account staff)
    {
        var o = Get(id) ?? throw NotFound(id);
        if (!MayAct(staff, o)) throw CaseAccess.Refused(units.Name(o.CompetentUnit), o.CompetentUnit);
        return o;
    }

    /// <summary>The objection as the transaction sees it, refused unless still open.</summary>
    private ObjectionRow Open(DbConnection c, DbTransaction tx, long id)
    {
        var o = store.Get(c, tx, id) ?? throw NotFound(id);
        ObjectionFlow.RequireOpen(o.Status);
        return o;
    }

    private static CaseDeadline? DecisionStep(CaseContext ctx) =>
        ctx.Steps().FirstOrDefault(d => d.Status == DueStates.Open && DecisionCodes.Contains(d.Code));

    private (long SubjectId, string CompetentUnit) Target(string kind, long id)
    {
        if (kind == ObjectionTargets.Record)
        {
            var r = records.Get(id) ?? throw Refusal.NotFound("record.not-found", $"没有编号为{id}的信用记录");
            if (r.Status == RecordStatus.Revoked) throw Refusal.Conflict("record.revoked", "该信息已撤销，不再公示");
            return (r.SubjectId, r.Provider);
        }
        var e = lists.Get(id) ?? throw Refusal.NotFound("list.not-found", $"没有编号为{id}的名单条目");
        if (e.List != CreditListNames.Dishonesty) throw Refusal.Invalid("objection.invalid-list-entry-id", "只能对严重失信主体名单提出异议");
        if (e.Status != ListEntryStatus.Active) throw Refusal.Conflict("list.entry-ended", "该名单条目已移出");
        return (e.SubjectId, e.DecidingUnit);
    }

    private static string TargetName(string kind, long id) => kind == ObjectionTargets.Record ? $"信用记录{id}" : $"严重失信主体名单条目{id}";

    private static Refusal NotFound(long id) => Refusal.NotFound("objection.not-found", $"没有编号为{id}的异议");
}
