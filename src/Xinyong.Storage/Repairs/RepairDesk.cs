using Dapper;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Deadlines;
using Xinyong.Query;
using Xinyong.Repairs;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Query;
using Xinyong.Text;

namespace Xinyong.Storage.Repairs;

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

/// <summary>A stored repair application.</summary>
public sealed record RepairRow
{
    public long Id { get; init; }
    public long SubjectId { get; init; }
    public long RecordId { get; init; }
    public string HandlerUnit { get; init; } = "";
    public string Status { get; init; } = "";
    public string Statement { get; init; } = "";
    public string ApplicantName { get; init; } = "";
    public string ApplicantContact { get; init; } = "";
    public string Channel { get; init; } = "";
    public string FiledBy { get; init; } = "";
    public DateTimeOffset SubmittedAt { get; init; }
    public DateOnly SubmittedOn { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public string? AcceptedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }
    public string? DecisionReasons { get; init; }
    /// <summary>The applicant's public credit commitment, published with a completed repair.</summary>
    public string? Commitment { get; init; }

    internal const string Columns =
        "id, subject_id AS SubjectId, record_id AS RecordId, handler_unit AS HandlerUnit, status, statement, applicant_name AS ApplicantName, " +
        "applicant_contact AS ApplicantContact, channel, filed_by AS FiledBy, submitted_at AS SubmittedAt, submitted_on AS SubmittedOn, accepted_at AS AcceptedAt, " +
        "accepted_by AS AcceptedBy, decided_at AS DecidedAt, decided_by AS DecidedBy, decision_reasons AS DecisionReasons, commitment";
}

/// <summary>A piece of evidence as stored.</summary>
public sealed record EvidenceRow
{
    public string Kind { get; init; } = "";
    public string Description { get; init; } = "";
    public long? AttachmentId { get; init; }
}

/// <summary>
/// The credit repair desk (Art. 40; plan line 1247): checks eligibility against the item's repair rule and minimum
/// disclosure period (refusing with the reason and the earliest date), takes the application to the deciding unit or
/// the credit agency with its published deadlines (acceptance, then decision from acceptance), and on completion stops
/// publication, ends the DishonestyList entries the record supports — so every measure ends at once, checks derive
/// them from the current state — notifies the subject and passes the change on to every holder of a copy.
/// </summary>
public sealed class RepairDesk(
    Database db, CatalogSet catalog, RecordReader records, RecordChanges changes, ListStore lists, UnitDirectory units,
    DeadlineStore deadlines, CaseLog log, CaseAttachments attachments, CorrectionNotices notices, Outbox outbox, TimeProvider clock)
{
    private static readonly object Gate = new();

    /// <summary>Whether a record can be repaired today.</summary>
    public RepairEligibility Eligibility(StoredRecord r)
    {
        var item = catalog.Item(r.Item) ?? throw new CaseException(409, $"目录项{r.Item}已不在目录中 / item {r.Item} is not in the catalog");
        return RepairFlow.Check(item, r.State, r.RepairFrom, clock.Today());
    }

    /// <summary>Files an application.</summary>
    /// <exception cref="RepairIneligibleException">The record cannot be repaired (yet): reason and earliest date.</exception>
    /// <exception cref="CaseException">Invalid input (400), not the subject's own record or not the staff member's unit (403),
    /// unknown record (404), an application already pending (409).</exception>
    public RepairRow Apply(NewRepair n, Filer filer)
    {
        var r = records.Get(n.RecordId) ?? throw new CaseException(404, $"没有编号为{n.RecordId}的信用记录 / no record {n.RecordId}");
        if (filer.Subject is { } s && s.Id != r.SubjectId)
            throw new CaseException(403, "只能对自身的失信信息申请信用修复 / a subject applies for its own records only");
        // The conditions of the national Credit Repair Measures first (minimum window, then the public credit commitment),
        // so that an applicant learns the date or the missing commitment before the details of the form.
        var eligibility = Eligibility(r);
        if (!eligibility.Eligible) throw new RepairIneligibleException(eligibility);
        var commitment = RepairFlow.RequireCommitment(n.Commitment);
        CaseText.Require(n.Statement, "statement", "纠正失信行为、消除不利影响的情况说明", 4000);
        CaseText.Require(n.ApplicantName, "applicant.name", "申请人姓名或名称", 200);
        CaseText.Require(n.ApplicantContact, "applicant.contact", "联系方式", 200);
        var item = catalog.Item(r.Item)!;
        foreach (var e in n.Evidence)
        {
            if (!item.Repair.Evidence.Contains(e.Kind))
                throw new CaseException(400, $"evidence：“{e.Kind}”不是“{item.Name}”信用修复所需的材料（{string.Join("、", item.Repair.Evidence)}） / evidence: '{e.Kind}' is not a kind this item's repair rule names");
            CaseText.Require(e.Description, "evidence.description", $"“{e.Kind}”的说明", 2000);
        }
        if (n.Evidence.GroupBy(e => e.Kind).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new CaseException(400, $"evidence：“{twice.Key}”重复 / evidence: '{twice.Key}' is given twice");
        var missing = RepairFlow.MissingEvidence(item, n.Evidence.Select(e => e.Kind));
        if (missing.Count > 0)
            throw new CaseException(400, $"evidence：缺少信用修复所需材料：{string.Join("、", missing)} / evidence missing: {string.Join(", ", missing)}");
        CaseAttachments.Validate(n.Evidence.Where(e => e.File is not null).Select(e => e.File!).ToList());
        var handler = n.To switch
        {
            null or "" or "unit" => r.Provider,
            "agency" => CreditAgency.Code,
            _ => throw new CaseException(400, "to：须为 unit（认定单位）或 agency（公共信用工作机构） / to: unit or agency"),
        };
        if (filer.Staff is { } staff && !UnitDirectory.MayActFor(staff, handler))
            throw new CaseException(403, $"该申请应向{units.Name(handler)}或公共信用工作机构提出 / the application goes to {handler} or the credit agency");
        var today = clock.Today();
        var receivedOn = filer.Staff is not null && n.ReceivedOn is { } d ? d : today;
        if (receivedOn > today || receivedOn < today.AddDays(-30))
            throw new CaseException(400, "receivedOn：收到书面申请的日期不能晚于今天，也不能早于30日前 / receivedOn: not in the future, nor more than 30 days ago");

        var now = clock.GetUtcNow();
        var actor = filer.Actor;
        long id;
        lock (Gate)
        {
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            var pending = c.QueryFirstOrDefault<long?>("SELECT id FROM repairs WHERE record_id = @rid AND status IN ('submitted', 'accepted') LIMIT 1", new { rid = r.Id }, tx);
            if (pending is { } p) throw new CaseException(409, $"该信息已有办理中的信用修复申请（编号{p}） / repair application {p} for this record is pending");
            id = c.ExecuteScalar<long>(
                """
                INSERT INTO repairs (subject_id, record_id, handler_unit, status, statement, applicant_name, applicant_contact, channel, filed_by, submitted_at, submitted_on, commitment)
                VALUES (@subject, @record, @handler, 'submitted', @statement, @name, @contact, @channel, @by, @now, @receivedOn, @commitment) RETURNING id
                """,
                new
                {
                    subject = r.SubjectId, record = r.Id, handler, statement = n.Statement.Trim(), name = n.ApplicantName.Trim(), contact = n.ApplicantContact.Trim(),
                    channel = filer.Channel, by = actor.Code, now, receivedOn, commitment,
                }, tx);
            foreach (var e in n.Evidence)
            {
                var file = e.File is null ? (long?)null : attachments.Add(c, tx, CaseKinds.Repair, id, e.File, actor.Code, now);
                c.Execute("INSERT INTO repair_evidence (repair_id, kind, description, attachment_id) VALUES (@id, @kind, @description, @file)",
                    new { id, kind = e.Kind, description = e.Description.Trim(), file }, tx);
            }
            var acceptance = deadlines.Calculator.Compute(DeadlineCodes.RepairAcceptance, receivedOn, handler);
            var decision = deadlines.Calculator.Compute(DeadlineCodes.RepairDecision, acceptance.Due, handler);
            deadlines.Open(c, tx, CaseKinds.Repair, id, null, handler, acceptance);
            deadlines.Open(c, tx, CaseKinds.Repair, id, null, handler, decision);
            log.Append(c, tx, CaseKinds.Repair, id, actor, "filed",
                $"{(filer.Channel == "online" ? "网上提交" : $"书面申请，{WorkingCalendar.Iso(receivedOn)}收到")}，向{units.Name(handler)}申请修复记录{r.Id}；材料：{string.Join("、", n.Evidence.Select(e => e.Kind))}", now);
            outbox.Send(c, tx, new Mailbox(Recipients.Unit, handler), CaseKinds.Repair, id, "新的信用修复申请",
                $"收到对信用记录{r.Id}的信用修复申请（编号{id}），请于{CaseText.Day(acceptance)}前决定是否受理（{acceptance.Basis}）。");
            outbox.Send(c, tx, Mailbox.OfSubject(r.SubjectId), CaseKinds.Repair, id, "信用修复申请已提交",
                $"您的信用修复申请（编号{id}）已提交{units.Name(handler)}：受理期限{CaseText.Day(acceptance)}，受理后{decision.WorkingDays}个工作日内作出决定（最迟{CaseText.Day(decision)}）。", n.ApplicantContact.Trim());
            tx.Commit();
        }
        return Get(id)!;
    }

    /// <summary>Accepts (受理) an application, or does not accept it with reasons.</summary>
    public RepairRow Accept(long id, Account staff, bool accept, string? reasons)
    {
        Acting(id, staff);
        if (!accept) RepairFlow.RequireReasons(reasons);
        lock (Gate)
        {
            var r = Acting(id, staff);
            RepairFlow.Require(r.Status, RepairStatuses.Submitted);
            var now = clock.GetUtcNow();
            var today = ChinaTime.DateOf(now);
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            c.Execute("UPDATE repairs SET status = @status, accepted_at = @now, accepted_by = @by, decision_reasons = @reasons WHERE id = @id",
                new { id, status = accept ? RepairStatuses.Accepted : RepairStatuses.NotAccepted, now, by = staff.Code, reasons = accept ? null : reasons!.Trim() }, tx);
            var steps = deadlines.OfCase(c, tx, CaseKinds.Repair, id);
            var acceptance = steps.Single(d => d.Code == DeadlineCodes.RepairAcceptance);
            var decision = steps.Single(d => d.Code == DeadlineCodes.RepairDecision);
            deadlines.Complete(c, tx, acceptance, now);
            string message;
            if (accept)
            {
                deadlines.Recompute(c, tx, decision, DeadlineCodes.RepairDecision, today, []);
                var due = deadlines.OfCase(c, tx, CaseKinds.Repair, id).Single(d => d.Id == decision.Id);
                log.Append(c, tx, CaseKinds.Repair, id, Actor.Of(staff), "accepted", $"修复决定期限{CaseText.Day(due.DueOn, due.Provisional)}{(string.IsNullOrWhiteSpace(reasons) ? "" : "；" + reasons.Trim())}", now);
                message = $"您的信用修复申请（编号{id}）已受理，将于{CaseText.Day(due.DueOn, due.Provisional)}前作出决定。";
            }
            else
            {
                deadlines.Cancel(c, tx, decision, now);
                log.Append(c, tx, CaseKinds.Repair, id, Actor.Of(staff), "not-accepted", reasons!.Trim(), now);
                message = $"您的信用修复申请（编号{id}）不予受理：{Punctuation.Clause(reasons)}。";
            }
            outbox.Send(c, tx, Mailbox.OfSubject(r.SubjectId), CaseKinds.Repair, id, accept ? "信用修复申请已受理" : "信用修复申请不予受理", message, r.ApplicantContact);
            tx.Commit();
            return Get(id)!;
        }
    }

    /// <summary>
    /// Decides an accepted application. Completed: publication stops, the DishonestyList entries the record supports end,
    /// every measure ends at once (Art. 40), the subject is told and holders of copies are notified. Refused: with reasons.
    /// </summary>
    public RepairRow Decide(long id, Account staff, bool complete, string? reasons)
    {
        Acting(id, staff);
        if (!complete) RepairFlow.RequireReasons(reasons);
        lock (Gate)
        {
            var r = Acting(id, staff);
            RepairFlow.Require(r.Status, RepairStatuses.Accepted);
            var note = string.IsNullOrWhiteSpace(reasons) ? null : reasons.Trim();
            IReadOnlyList<long> ended = [];
            if (complete)
            {
                changes.Withhold(r.RecordId, staff.Code, "repaired", $"信用修复{id}完成{(note is null ? "" : "：" + note)}");
                ended = lists.EndForRecord(r.RecordId, "repaired", staff.Code);
            }
            var now = clock.GetUtcNow();
            var actor = Actor.Of(staff);
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            c.Execute("UPDATE repairs SET status = @status, decided_at = @now, decided_by = @by, decision_reasons = @note WHERE id = @id",
                new { id, status = complete ? RepairStatuses.Completed : RepairStatuses.Refused, now, by = staff.Code, note }, tx);
            var decision = deadlines.OfCase(c, tx, CaseKinds.Repair, id).Single(d => d.Code == DeadlineCodes.RepairDecision);
            deadlines.Complete(c, tx, decision, now);
            if (complete)
            {
                log.Append(c, tx, CaseKinds.Repair, id, actor, "completed", note, now);
                log.Append(c, tx, CaseKinds.Repair, id, actor, "record-withheld", $"记录{r.RecordId}停止公示", now);
                foreach (var e in ended)
                    log.Append(c, tx, CaseKinds.Repair, id, actor, "list-entry-ended", $"名单条目{e}已移出，失信约束和惩戒措施即时终止（第四十条）", now);
                outbox.Send(c, tx, Mailbox.OfSubject(r.SubjectId), CaseKinds.Repair, id, "信用修复完成",
                    $"您的信用修复申请（编号{id}）已完成：该失信信息已停止公示{(ended.Count > 0 ? "，已移出严重失信主体名单" : "")}，失信约束和惩戒措施即时终止。", r.ApplicantContact);
                notices.Send(c, tx, records.Get(r.RecordId)!, RecordChangeKinds.Withheld, CaseKinds.Repair, id, actor);
            }
            else
            {
                log.Append(c, tx, CaseKinds.Repair, id, actor, "refused", note, now);
                outbox.Send(c, tx, Mailbox.OfSubject(r.SubjectId), CaseKinds.Repair, id, "信用修复不予修复", $"您的信用修复申请（编号{id}）不予修复：{Punctuation.Clause(note)}。", r.ApplicantContact);
            }
            tx.Commit();
            return Get(id)!;
        }
    }

    /// <summary>One application, or null.</summary>
    public RepairRow? Get(long id)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<RepairRow>($"SELECT {RepairRow.Columns} FROM repairs WHERE id = @id", new { id });
    }

    /// <summary>The evidence of an application.</summary>
    public IReadOnlyList<EvidenceRow> Evidence(long id)
    {
        using var c = db.Open();
        return c.Query<EvidenceRow>("SELECT kind, description, attachment_id AS AttachmentId FROM repair_evidence WHERE repair_id = @id ORDER BY kind", new { id }).ToList();
    }

    /// <summary>The applications of a subject, newest first.</summary>
    public IReadOnlyList<RepairRow> OfSubject(long subjectId)
    {
        using var c = db.Open();
        return c.Query<RepairRow>($"SELECT {RepairRow.Columns} FROM repairs WHERE subject_id = @subjectId ORDER BY submitted_at DESC, id DESC", new { subjectId }).ToList();
    }

    /// <summary>The applications a unit handles (all when null), pending first, newest first.</summary>
    public IReadOnlyList<RepairRow> OfUnit(string? unit, int limit = 500)
    {
        using var c = db.Open();
        return c.Query<RepairRow>(
            $"SELECT {RepairRow.Columns} FROM repairs {(unit is null ? "" : "WHERE handler_unit = @unit")} ORDER BY CASE WHEN status IN ('submitted', 'accepted') THEN 0 ELSE 1 END, submitted_at DESC, id DESC LIMIT @limit",
            new { unit, limit }).ToList();
    }

    /// <summary>Whether an account may take the handling unit's steps.</summary>
    public static bool MayAct(Account a, RepairRow r) => CaseAccess.MayAct(a, r.HandlerUnit);

    private RepairRow Acting(long id, Account staff)
    {
        var r = Get(id) ?? throw new CaseException(404, $"没有编号为{id}的信用修复申请 / no repair application {id}");
        if (!MayAct(staff, r)) throw CaseAccess.Refused(units.Name(r.HandlerUnit), r.HandlerUnit);
        return r;
    }

}
