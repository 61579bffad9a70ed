using System.Data.Common;
using Xinyong.Application.Cases;
using Xinyong.Calendar;
using Xinyong.Deadlines;
using Xinyong.Measures;
using Xinyong.Objections;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Objections;
using Xinyong.Storage.Query;
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
/// The objection desk (Art. 35, 39): receives objections online and on paper, routes them to the competent unit (or
/// tells the subject which unit is competent), marks the record or list entry at once, keeps every step's deadline
/// (mark 1, decision 3, with assistance 7, assistance answer 2, list entries 3, holders 3 working days, clock pauses for
/// inspection, testing, quarantine, appraisal and expert review), and carries out the decision: a corrected record (a
/// new version) or one withheld from publication, passed on to every holder of a copy; or an ended list entry, whose
/// measures end with it. Every step is one transaction: the objection, its effect on the record or entry, the mark, the
/// deadlines, the history (and the audit chain) and the messages commit together or not at all.
/// </summary>
public sealed class ObjectionDesk(
    Database db, ObjectionStore store, RecordReader records, RecordChanges changes, ListStore lists, UnitDirectory units,
    DeadlineStore deadlines, CaseLog log, CaseAttachments attachments, CorrectionNotices notices, Outbox outbox, TimeProvider clock)
{
    private static readonly string[] DecisionCodes =
        [DeadlineCodes.ObjectionDecision, DeadlineCodes.ObjectionDecisionAssisted, DeadlineCodes.ListObjectionDecision];

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
        var now = clock.GetUtcNow();
        var actor = filer.Actor;
        long id;
        lock (CaseLocks.For(n.TargetKind, n.TargetId))
        {
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            if (store.OpenAgainst(c, tx, n.TargetKind, n.TargetId) is { } existing)
                throw Refusal.Conflict("objection.open-exists", $"该信息已有处理中的异议（编号{existing}），请等待处理决定");
            id = store.Insert(c, tx, new ObjectionInsert(subjectId, n.TargetKind, n.TargetId, ground, n.Reason.Trim(), n.ApplicantName.Trim(), n.ApplicantContact.Trim(),
                filer.Channel, actor.Code, filer.ReceivingUnit, competent, routing.InScope ? ObjectionStatuses.Open : ObjectionStatuses.Referred, now, receivedOn));
            foreach (var a in n.Attachments) attachments.Add(c, tx, CaseKinds.Objection, id, a, actor.Code, now);
            log.Append(c, tx, CaseKinds.Objection, id, actor, "filed",
                $"{(filer.Channel == "online" ? "网上提交" : $"书面申请，{WorkingCalendar.Iso(receivedOn)}收到")}；异议事由：{ObjectionGrounds.All[ground]}；附件{n.Attachments.Count}份", now);
            var subjectBox = Mailbox.OfSubject(subjectId);
            if (routing.InScope)
            {
                if (filer.ReceivingUnit != competent)
                    log.Append(c, tx, CaseKinds.Objection, id, Actor.Platform, "routed", $"转交有权处理单位：{units.Name(competent)}（{competent}）", now);
                var mark = deadlines.Calculator.Compute(DeadlineCodes.ObjectionMark, receivedOn, competent);
                var decision = deadlines.Calculator.Compute(ObjectionFlow.DecisionRule(n.TargetKind, false), receivedOn, competent);
                deadlines.Open(c, tx, CaseKinds.Objection, id, null, competent, mark);
                deadlines.Open(c, tx, CaseKinds.Objection, id, null, competent, decision);
                outbox.Send(c, tx, new Mailbox(Recipients.Unit, competent), CaseKinds.Objection, id, "新的异议申请",
                    $"收到对{TargetName(n.TargetKind, n.TargetId)}的异议申请（编号{id}），请于{CaseText.Day(decision)}前作出处理决定（{decision.Basis}）。");
                outbox.Send(c, tx, subjectBox, CaseKinds.Objection, id, "异议申请已收到",
                    $"您的异议申请（编号{id}）已收到，由{units.Name(competent)}处理：异议标注期限{CaseText.Day(mark)}，处理决定期限{CaseText.Day(decision)}。", n.ApplicantContact.Trim());
                ApplyMark(c, tx, id, n.TargetKind, n.TargetId, Actor.Platform, now);
            }
            else
            {
                log.Append(c, tx, CaseKinds.Objection, id, actor, "referred",
                    $"不属于{units.Name(filer.ReceivingUnit)}处理范围，有权处理的单位：{units.Name(competent)}（{competent}）", now);
                outbox.Send(c, tx, subjectBox, CaseKinds.Objection, id, "异议申请告知",
                    $"您的异议申请（编号{id}）不属于{units.Name(filer.ReceivingUnit)}处理范围，请向有权处理的单位{units.Name(competent)}提出，或通过信用平台网上提交。", n.ApplicantContact.Trim());
            }
            tx.Commit();
        }
        return Get(id)!;
    }

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
        lock (CaseLocks.For(first.TargetKind, first.TargetId))
        {
            var now = clock.GetUtcNow();
            var today = ChinaTime.DateOf(now);
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            var o = Open(c, tx, id);
            if (store.AwaitsAnswer(c, tx, id, unit))
                throw Refusal.Conflict("objection.assistance-pending", $"已向{units.Name(unit)}发出协助核查通知，尚未反馈");
            var aid = store.AddAssistance(c, tx, id, unit, question, now, staff.Code);
            var answer = deadlines.Calculator.Compute(DeadlineCodes.AssistanceAnswer, today, unit);
            deadlines.Open(c, tx, CaseKinds.Objection, id, aid, unit, answer);
            var decision = DecisionStep(c, tx, id);
            var assistedRule = ObjectionFlow.DecisionRule(o.TargetKind, assisted: true);
            if (decision is not null && decision.Code != assistedRule)
                deadlines.Recompute(c, tx, decision, assistedRule, decision.StartOn, deadlines.Pauses(c, tx, CaseKinds.Objection, id));
            var newDecision = DecisionStep(c, tx, id);
            log.Append(c, tx, CaseKinds.Objection, id, Actor.Of(staff), "assistance-requested",
                $"请{units.Name(unit)}协助核查：{question}；反馈期限{CaseText.Day(answer)}；处理决定期限{(newDecision is null ? "" : CaseText.Day(newDecision.DueOn, newDecision.Provisional))}", now);
            outbox.Send(c, tx, new Mailbox(Recipients.Unit, unit), CaseKinds.Objection, id, "协助核查通知",
                $"{units.Name(o.CompetentUnit)}请贵单位协助核查异议（编号{id}）：{Punctuation.Clause(question)}。请于{CaseText.Day(answer)}前反馈核查结果（{answer.Basis}）。");
            if (newDecision is not null && newDecision.DueOn != decision?.DueOn)
                outbox.Send(c, tx, Mailbox.OfSubject(o.SubjectId), CaseKinds.Objection, id, "异议处理期限调整",
                    $"您的异议（编号{id}）需其他单位协助核查，处理决定期限为{CaseText.Day(newDecision.DueOn, newDecision.Provisional)}（{newDecision.Basis}）。", o.ApplicantContact);
            var row = store.Assistance(c, tx, id).Single(a => a.Id == aid);
            tx.Commit();
            return row;
        }
    }

    /// <summary>The assisting unit (its account, or its staff) answers a request.</summary>
    public AssistanceRow AnswerAssistance(long id, long assistanceId, Account answerer, string? answer)
    {
        var first = Get(id) ?? throw NotFound(id);
        lock (CaseLocks.For(first.TargetKind, first.TargetId))
        {
            var now = clock.GetUtcNow();
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            var o = store.Get(c, tx, id)!;
            var a = store.Assistance(c, tx, id).FirstOrDefault(x => x.Id == assistanceId)
                    ?? throw Refusal.NotFound("objection.assistance-not-found", $"异议{id}没有编号为{assistanceId}的协助核查通知");
            if (answerer.Code != a.Unit && !UnitDirectory.MayActFor(answerer, a.Unit))
                throw Refusal.Forbidden("objection.not-assisting-unit", $"只有{units.Name(a.Unit)}可以反馈核查结果");
            CaseText.Require(answer, "answer", "核查结果", 4000);
            if (a.AnsweredAt is not null) throw Refusal.Conflict("objection.assistance-answered", "该协助核查已反馈");
            ObjectionFlow.RequireOpen(o.Status);
            if (!store.Answer(c, tx, assistanceId, answer!.Trim(), now, answerer.Code))
                throw Refusal.Conflict("objection.assistance-answered", "该协助核查已反馈");
            var step = deadlines.OfCase(c, tx, CaseKinds.Objection, id).FirstOrDefault(d => d.RefId == assistanceId && d.Code == DeadlineCodes.AssistanceAnswer);
            if (step is not null) deadlines.Complete(c, tx, step, now);
            log.Append(c, tx, CaseKinds.Objection, id, Actor.Of(answerer), "assistance-answered", answer.Trim(), now);
            outbox.Send(c, tx, new Mailbox(Recipients.Unit, o.CompetentUnit), CaseKinds.Objection, id, "协助核查结果已反馈",
                $"{units.Name(a.Unit)}已反馈异议（编号{id}）的协助核查结果。");
            var row = store.Assistance(c, tx, id).Single(x => x.Id == assistanceId);
            tx.Commit();
            return row;
        }
    }

    /// <summary>Stops the decision clock for inspection, testing, quarantine, appraisal or expert review (Art. 39).</summary>
    public StoredPause StartPause(long id, Account staff, string? kind, DateOnly from, DateOnly? to, string? note)
    {
        var first = Acting(id, staff);
        if (kind is null || !PauseKinds.All.TryGetValue(kind, out var kindName))
            throw Refusal.Invalid("objection.invalid-kind", $"须为 {string.Join(", ", PauseKinds.All.Keys)} 之一");
        lock (CaseLocks.For(first.TargetKind, first.TargetId))
        {
            var now = clock.GetUtcNow();
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            var o = Open(c, tx, id);
            if (from < o.ReceivedOn || from > ChinaTime.DateOf(now))
                throw Refusal.Invalid("objection.invalid-from", "暂停开始日期须在收到申请之日与今天之间");
            if (to is { } t && t < from) throw Refusal.Invalid("objection.invalid-to", "暂停结束日期不能早于开始日期");
            var decision = DecisionStep(c, tx, id) ?? throw Refusal.Conflict("objection.no-decision-pending", "该异议没有待作出的处理决定");
            if (!deadlines.Calculator.Rules.For(decision.StartOn).Rule(decision.Code).Pausable)
                throw Refusal.Conflict("objection.not-pausable", $"“{decision.Name}”的期限不因检验、检测、检疫、鉴定或专家评审暂停（{decision.Basis}）");
            if (deadlines.Pauses(c, tx, CaseKinds.Objection, id).Any(p => p.ToOn is null))
                throw Refusal.Conflict("case.pause-running", "已有暂停计时尚未结束");
            var pid = deadlines.StartPause(c, tx, CaseKinds.Objection, id, new ClockPause(kind, from, to), note?.Trim(), staff.Code, now);
            var moved = DecisionStep(c, tx, id)!;
            log.Append(c, tx, CaseKinds.Objection, id, Actor.Of(staff), "paused",
                $"{kindName}：{WorkingCalendar.Iso(from)}起{(to is { } e ? $"至{WorkingCalendar.Iso(e)}" : "")}不计入异议处理时间{(string.IsNullOrWhiteSpace(note) ? "" : "（" + note.Trim() + "）")}；处理决定期限{CaseText.Day(moved.DueOn, moved.Provisional)}", now);
            outbox.Send(c, tx, Mailbox.OfSubject(o.SubjectId), CaseKinds.Objection, id, "异议处理暂停计时",
                $"您的异议（编号{id}）需{kindName}，所需时间不计入异议处理时间（《黑龙江省社会信用条例》第三十九条）。", o.ApplicantContact);
            var pause = deadlines.Pauses(c, tx, CaseKinds.Objection, id).Single(p => p.Id == pid);
            tx.Commit();
            return pause;
        }
    }

    /// <summary>Ends a running pause: <paramref name="to"/> is its last day; the decision deadline moves accordingly.</summary>
    public StoredPause EndPause(long id, long pauseId, Account staff, DateOnly to)
    {
        var first = Acting(id, staff);
        lock (CaseLocks.For(first.TargetKind, first.TargetId))
        {
            var now = clock.GetUtcNow();
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            Open(c, tx, id);
            var p = deadlines.Pauses(c, tx, CaseKinds.Objection, id).FirstOrDefault(x => x.Id == pauseId)
                    ?? throw Refusal.NotFound("objection.pause-not-found", $"异议{id}没有编号为{pauseId}的暂停");
            if (p.ToOn is not null) throw Refusal.Conflict("objection.pause-ended", "该暂停已结束");
            if (to < p.FromOn || to > ChinaTime.DateOf(now))
                throw Refusal.Invalid("objection.invalid-to", "暂停结束日期须在开始日期与今天之间");
            deadlines.EndPause(c, tx, CaseKinds.Objection, id, pauseId, to, staff.Code, now);
            var moved = DecisionStep(c, tx, id);
            log.Append(c, tx, CaseKinds.Objection, id, Actor.Of(staff), "resumed",
                $"{PauseKinds.All[p.Kind]}：{WorkingCalendar.Iso(p.FromOn)}至{WorkingCalendar.Iso(to)}不计入异议处理时间；处理决定期限{(moved is null ? "" : CaseText.Day(moved.DueOn, moved.Provisional))}", now);
            var pause = deadlines.Pauses(c, tx, CaseKinds.Objection, id).Single(x => x.Id == pauseId);
            tx.Commit();
            return pause;
        }
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
        lock (CaseLocks.For(first.TargetKind, first.TargetId))
        {
            var now = clock.GetUtcNow();
            var actor = Actor.Of(staff);
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            var o = Open(c, tx, id);
            var (outcome, action) = ObjectionFlow.Validate(o.TargetKind, request with { HasCorrection = correction is { Count: > 0 } });
            var reasons = request.Reasons!.Trim();
            StoredRecord? after = null;
            if (outcome == ObjectionStatuses.Upheld && action == ObjectionActions.Correct)
            {
                var before = RecordReader.Get(c, tx, o.RecordId!.Value)!;
                after = changes.Correct(c, tx, staff, before.Id, correction!, $"异议{id}成立：{reasons}");
                if (after.ContentHash == before.ContentHash)
                    throw Refusal.Invalid("objection.correction-unchanged", "更正后的内容与现有内容相同");
            }
            else if (outcome == ObjectionStatuses.Upheld && action == ObjectionActions.Withhold)
            {
                changes.Withhold(c, tx, o.RecordId!.Value, staff.Code, "objection-upheld", $"异议{id}成立：{reasons}");
                after = RecordReader.Get(c, tx, o.RecordId!.Value)!;
            }
            else if (outcome == ObjectionStatuses.Upheld)
            {
                lists.End(c, tx, o.ListEntryId!.Value, "objection-upheld", staff.Code);
            }

            if (!store.Decide(c, tx, id, outcome, now, staff.Code, action, reasons, after?.Version))
                throw Refusal.Conflict("objection.decided", $"异议{id}已由他人作出处理决定，请刷新后查看");
            foreach (var d in deadlines.OfCase(c, tx, CaseKinds.Objection, id).Where(d => d.Status == DueStates.Open))
            {
                if (DecisionCodes.Contains(d.Code)) deadlines.Complete(c, tx, d, now);
                else if (d.Code == DeadlineCodes.AssistanceAnswer) deadlines.Cancel(c, tx, d, now);
            }
            log.Append(c, tx, CaseKinds.Objection, id, actor, outcome, reasons, now);
            string effect;
            if (action == ObjectionActions.Correct)
            {
                effect = $"信用信息已更正（第{after!.Version}版）";
                log.Append(c, tx, CaseKinds.Objection, id, actor, "record-corrected", $"记录{after.Id}更正为第{after.Version}版", now);
            }
            else if (action == ObjectionActions.Withhold)
            {
                effect = "该信息已停止公示";
                log.Append(c, tx, CaseKinds.Objection, id, actor, "record-withheld", $"记录{after!.Id}停止公示", now);
            }
            else if (action == ObjectionActions.EndListing)
            {
                effect = "已移出严重失信主体名单，有关部门终止实施失信惩戒措施";
                log.Append(c, tx, CaseKinds.Objection, id, actor, "list-entry-ended", $"名单条目{o.ListEntryId}已移出，惩戒措施终止（第三十五条）", now);
            }
            else effect = "决定不予更正";
            outbox.Send(c, tx, Mailbox.OfSubject(o.SubjectId), CaseKinds.Objection, id, "异议处理决定",
                $"您的异议（编号{id}）{(outcome == ObjectionStatuses.Upheld ? "理由成立" : "理由不成立")}：{Punctuation.Clause(reasons)}。{Punctuation.Clause(effect)}。", o.ApplicantContact);
            if (after is not null)
                notices.Send(c, tx, after, action == ObjectionActions.Correct ? RecordChangeKinds.Corrected : RecordChangeKinds.Withheld,
                    CaseKinds.Objection, id, actor);
            ClearMarkUnlessOpen(c, tx, o, actor, now);
            tx.Commit();
        }
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

    private void ApplyMark(DbConnection c, DbTransaction tx, long id, string targetKind, long targetId, Actor actor, DateTimeOffset now)
    {
        if (targetKind == ObjectionTargets.Record) changes.MarkObjection(c, tx, targetId, true, actor.Code, $"异议{id}");
        else ListStore.MarkObjection(c, tx, targetId, true);
        var step = deadlines.OfCase(c, tx, CaseKinds.Objection, id).FirstOrDefault(d => d.Code == DeadlineCodes.ObjectionMark);
        if (step is { Status: DueStates.Open })
        {
            deadlines.Complete(c, tx, step, now);
            log.Append(c, tx, CaseKinds.Objection, id, actor, "marked", $"{TargetName(targetKind, targetId)}已标注“异议处理中”，在门户、接口、信用报告和开放数据中一并显示", now);
        }
    }

    private void ClearMarkUnlessOpen(DbConnection c, DbTransaction tx, ObjectionRow o, Actor actor, DateTimeOffset now)
    {
        if (store.OpenAgainst(c, tx, o.TargetKind, o.TargetId) is not null) return;
        if (o.TargetKind == ObjectionTargets.Record) changes.MarkObjection(c, tx, o.RecordId!.Value, false, actor.Code, $"异议{o.Id}已处理");
        else ListStore.MarkObjection(c, tx, o.ListEntryId!.Value, false);
        log.Append(c, tx, CaseKinds.Objection, o.Id, actor, "mark-removed", $"{TargetName(o.TargetKind, o.TargetId)}的异议标注已撤除", now);
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

    private CaseDeadline? DecisionStep(DbConnection c, DbTransaction tx, long id) =>
        deadlines.OfCase(c, tx, CaseKinds.Objection, id).FirstOrDefault(d => d.Status == DueStates.Open && DecisionCodes.Contains(d.Code));

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
