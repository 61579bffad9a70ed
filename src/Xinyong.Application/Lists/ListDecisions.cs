using System.Data.Common;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Measures;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Subjects;

using Xinyong.Storage;
using Xinyong.Storage.Lists;

namespace Xinyong.Application.Lists;

/// <summary>A written decision to put a subject on the DishonestyList (Art. 28).</summary>
/// <param name="Subject">The subject's code: USCC, resident identity number or P-reference.</param>
/// <param name="Ground">The Art. 29 ground (code of the rules, e.g. art29-4).</param>
/// <param name="Reasons">The reasons stated to the subject.</param>
/// <param name="Basis">The legal basis; null = the rules' default.</param>
/// <param name="Records">The supporting records (Art. 27: the dishonest acts entered in its credit record).</param>
/// <param name="DecisionNo">The written decision's number.</param>
/// <param name="DecidingUnit">The deciding unit's name.</param>
/// <param name="StartsOn">The first day of the period.</param>
/// <param name="EndsOn">The last day of the period; null = the rules' default period.</param>
/// <param name="RemovalConditions">The removal conditions; null = the rules' default.</param>
/// <param name="StateOwned">The deciding unit states that the subject is a state-owned unit (Art. 32).</param>
/// <param name="StateEmployer">For a natural person on the staff of a state organ or state-owned unit: that unit (Art. 32).</param>
public sealed record DishonestyDecision(
    string Subject, string Ground, string Reasons, string? Basis, IReadOnlyList<long> Records, string DecisionNo, string DecidingUnit,
    DateOnly StartsOn, DateOnly? EndsOn = null, string? RemovalConditions = null, bool StateOwned = false, string? StateEmployer = null);

/// <summary>A recognition on the IncentiveList under a published criterion (Art. 25).</summary>
/// <param name="Subject">The subject's code.</param>
/// <param name="Criterion">The criterion's code.</param>
/// <param name="Reasons">Why the subject meets it.</param>
/// <param name="DecisionNo">The recognition document's number.</param>
/// <param name="RecognisingUnit">The recognising sector authority.</param>
/// <param name="StartsOn">The first day of the period.</param>
/// <param name="EndsOn">The last day; null = the criterion's default period.</param>
/// <param name="Published">False when the subject declined publication (Art. 37).</param>
public sealed record IncentiveDecision(
    string Subject, string Criterion, string Reasons, string DecisionNo, string RecognisingUnit, DateOnly StartsOn, DateOnly? EndsOn = null, bool Published = true);

/// <summary>A person a market entity's listing also applies to (Art. 33).</summary>
/// <param name="Role">The role code (legal-representative, principal, actual-controller, responsible-person).</param>
/// <param name="Name">The person's name.</param>
/// <param name="IdNumber">The identity document number (Art. 19).</param>
/// <param name="IdType">The document type; null = resident identity card.</param>
/// <param name="StateEmployer">When the person is on the staff of a state organ or state-owned unit: that unit (Art. 32).</param>
public sealed record LinkedPerson(string Role, string Name, string IdNumber, string? IdType = null, string? StateEmployer = null);

/// <summary>
/// The decisions on the credit lists, each complete and in one transaction: a DishonestyList entry by written decision
/// with its grounds (Art. 29), reasons, basis, supporting records, period, removal conditions and remedy (Art. 28) and
/// the Art. 32 notifications it owes; the Art. 33 persons linked to a listed market entity, each with a personal record
/// and an entry of their own; IncentiveList recognitions under published criteria (Art. 25) and the subject's choice
/// not to publish them (Art. 37); lifting an entry. Every act enters the audit chain.
/// </summary>
public sealed class ListDecisions(
    Database db, ListStore lists, ListEnding ending, Listing listing, ListNotifications notifications, SubjectStore subjects, RecordReader records, CatalogSet catalog,
    MeasuresSet rules, Storage.Audit.AuditChain audit, Storage.Accounts.AccountStore accounts, TimeProvider clock)
{
    /// <summary>The end reasons a deciding unit gives when it lifts an entry itself.</summary>
    public static readonly IReadOnlyDictionary<string, string> LiftReasons = new Dictionary<string, string>
    {
        ["lifted"] = "认定单位决定移出",
        ["court-removed"] = "人民法院已移出失信被执行人名单",
        ["objection-upheld"] = "异议申请经复核成立（第三十五条）",
    };

    /// <summary>Decides a DishonestyList entry; returns its id.</summary>
    /// <exception cref="Refusal">The decision is incomplete or contradicts the store.</exception>
    public long DecideDishonesty(DishonestyDecision d, Account actor)
    {
        Authorize(actor);
        var r = rules.Current.Dishonesty;
        var today = clock.Today();
        var errors = new List<FieldError>();
        var subject = SubjectOf(d.Subject, errors);
        var ground = r.GroundOf(d.Ground ?? "");
        if (ground is null)
            errors.Add(FieldError.Of("ground", "unknown-ground", $"认定依据须为第二十九条所列严重失信行为之一（{string.Join("、", r.Grounds.Select(g => g.Name))}）"));
        Require(d.Reasons, "reasons", "认定理由", errors);
        Require(d.DecisionNo, "decisionNo", "认定决定书文号", errors);
        Require(d.DecidingUnit, "decidingUnit", "认定单位", errors);
        var endsOn = d.EndsOn ?? d.StartsOn.AddMonths(r.DefaultMonths).AddDays(-1);
        Period(d.StartsOn, endsOn, today, errors);
        if (d.Records.Count == 0)
            errors.Add(FieldError.Of("records", "required", "须列明作为认定依据的失信信息记录（第二十七条、第二十八条）"));
        var supporting = new List<StoredRecord>();
        foreach (var id in d.Records.Distinct())
        {
            var rec = records.Get(id);
            if (rec is null || subject is not null && rec.SubjectId != subject.Id)
                errors.Add(FieldError.Of("records", "unknown-record", $"记录{id}不存在或不属于该信用主体"));
            else if (rec.Status == RecordStatus.Revoked || catalog.Item(rec.Item)?.Nature != Nature.Negative)
                errors.Add(FieldError.Of("records", "not-negative", $"记录{id}不是有效的失信信息"));
            else supporting.Add(rec);
        }
        if (errors.Count > 0 || subject is null || ground is null) throw Invalid(errors);

        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        Unique(c, tx, CreditListNames.Dishonesty, subject.Id, d.DecisionNo);
        var entryId = listing.Add(c, tx, new ListEntry
        {
            List = CreditListNames.Dishonesty, SubjectId = subject.Id, DecidingUnit = d.DecidingUnit.Trim(), DecisionNo = d.DecisionNo.Trim(),
            Grounds = ground.Statement, Reasons = d.Reasons.Trim(), Basis = string.IsNullOrWhiteSpace(d.Basis) ? r.Basis : d.Basis.Trim(),
            RecordId = supporting[0].Id, StartsOn = d.StartsOn, EndsOn = endsOn,
            RemovalConditions = string.IsNullOrWhiteSpace(d.RemovalConditions) ? r.RemovalConditions : d.RemovalConditions.Trim(),
            Remedy = r.Remedy, Published = true, DecidedAt = now, DecidedBy = actor.Code,
        });
        foreach (var rec in supporting.Skip(1))
            ListDecisionStore.AddSupportingRecord(c, tx, entryId, rec.Id);
        if (ListNotifications.IsStateBody(c, tx, r.StateBodies, subject, d.StateOwned))
            notifications.Owe(c, tx, entryId, r.StateBodyNotifications);
        if (subject.IsNaturalPerson && !string.IsNullOrWhiteSpace(d.StateEmployer))
            notifications.Owe(c, tx, entryId, r.StateEmployeeNotifications, d.StateEmployer.Trim());
        tx.Commit();
        return entryId;
    }

    /// <summary>
    /// Applies a market entity's listing to a person (Art. 33): the act enters the person's own record (catalog item of
    /// the rules), and the person gets an entry derived from the entity's, which ends with it. Returns the person's entry.
    /// </summary>
    /// <exception cref="Refusal">The entry or the person is not valid for linking.</exception>
    public long LinkPerson(long entryId, LinkedPerson p, Account actor)
    {
        Authorize(actor);
        var rule = rules.Current.Dishonesty.LinkedPersons;
        var entry = lists.Get(entryId) ?? throw Refusal.NotFound("list.not-found", $"没有编号为{entryId}的名单条目");
        AuthorizeEntry(entry, actor);
        if (entry.List != CreditListNames.Dishonesty || entry.Status != ListEntryStatus.Active)
            throw Refusal.Conflict("list.conflict", "只能对在列的严重失信主体名单条目关联责任人员");
        var entity = subjects.Get(entry.SubjectId)!;
        if (!rule.SubjectKinds.Contains(entity.Kind))
            throw Refusal.Conflict("list.conflict", $"{entity.KindValue.Chinese()}不是市场主体，不适用第三十三条");
        var errors = new List<FieldError>();
        var role = rule.Roles.FirstOrDefault(x => x.Code == p.Role);
        if (role is null)
            errors.Add(FieldError.Of("role", "unknown-role", $"责任类型须为{string.Join("、", rule.Roles.Select(x => x.Name))}之一"));
        Require(p.Name, "name", "姓名", errors);
        Require(p.IdNumber, "idNumber", "证件号码", errors);
        if (errors.Count > 0 || role is null) throw Invalid(errors);

        var item = catalog.Item(rule.Item)!;
        var today = clock.Today();
        var decided = ChinaTime.DateOf(entry.DecidedAt);
        var values = new Dictionary<string, string?>
        {
            ["subjectName"] = p.Name, ["subjectCategory"] = "自然人", ["idType"] = p.IdType ?? "居民身份证", ["idNumber"] = p.IdNumber,
            ["role"] = role.Name, ["entityName"] = entity.Name, ["entityUscc"] = entity.Ref, ["decisionNo"] = entry.DecisionNo,
            ["grounds"] = entry.Grounds, ["decisionDate"] = WorkingCalendar.Iso(decided),
            ["publicUntil"] = entry.EndsOn is { } e ? WorkingCalendar.Iso(e) : null, ["authority"] = entry.DecidingUnit,
        };
        var aligned = item.Fields.Select(f => values.GetValueOrDefault(f.Code)).ToArray();
        var valid = new RecordValidator(item).Validate(aligned, item.Fields.Select(f => f.Code).ToArray(), today, errors);
        if (valid is null) throw Invalid(errors);

        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var seed = new SubjectSeed(valid.Subject, valid.Kind, valid.SubjectName, valid.Region, null);
        var personId = subjects.Resolve(c, tx, [seed], item.Code, authoritativeNames: false)[valid.Subject.LookupKey(subjects.Hasher)];
        if (ListDecisionStore.HasRecord(c, tx, item.Code, valid.DocKey, personId))
            throw Refusal.Conflict("list.conflict", "该人员已因本认定决定记入公共信用信息");
        var recordId = StaffRecordWriter.Insert(c, tx, item, valid, personId, entry.DecidingUnit, actor.Code, now, "list-decision", $"依据第三十三条记入：{entity.Name}（{entry.DecisionNo}）的{role.Name}");
        var personEntry = listing.Add(c, tx, new ListEntry
        {
            List = CreditListNames.Dishonesty, SubjectId = personId, DecidingUnit = entry.DecidingUnit, DecisionNo = entry.DecisionNo,
            Grounds = $"{entry.Grounds}；{role.Name}（第三十三条）", Reasons = $"{entity.Name}被列入严重失信主体名单，本人系其{role.Name}",
            Basis = $"{rule.Basis}；{entry.Basis}", RecordId = recordId, StartsOn = entry.StartsOn, EndsOn = entry.EndsOn,
            RemovalConditions = $"{entity.Name}移出严重失信主体名单时一并移出", Remedy = entry.Remedy, Published = true, DecidedAt = now, DecidedBy = actor.Code,
        });
        ListDecisionStore.Link(c, tx, personEntry, entryId, role.Code);
        if (!string.IsNullOrWhiteSpace(p.StateEmployer))
            notifications.Owe(c, tx, personEntry, rules.Current.Dishonesty.StateEmployeeNotifications, p.StateEmployer.Trim());
        tx.Commit();
        return personEntry;
    }

    /// <summary>Recognises a subject on the IncentiveList; returns the entry's id.</summary>
    /// <exception cref="Refusal">The recognition is incomplete.</exception>
    public long DecideIncentive(IncentiveDecision d, Account actor)
    {
        Authorize(actor);
        var today = clock.Today();
        var errors = new List<FieldError>();
        var subject = SubjectOf(d.Subject, errors);
        var criterion = rules.Current.CriterionOf(d.Criterion ?? "");
        if (criterion is null)
            errors.Add(FieldError.Of("criterion", "unknown-criterion", $"认定标准须为已公布的标准之一（{string.Join("、", rules.Current.Incentive.Select(x => x.Name))}）"));
        Require(d.Reasons, "reasons", "认定理由", errors);
        Require(d.DecisionNo, "decisionNo", "认定文书号", errors);
        Require(d.RecognisingUnit, "decidingUnit", "认定单位", errors);
        var endsOn = d.EndsOn ?? (criterion is null ? d.StartsOn : d.StartsOn.AddMonths(criterion.Months).AddDays(-1));
        Period(d.StartsOn, endsOn, today, errors);
        if (errors.Count > 0 || subject is null || criterion is null) throw Invalid(errors);

        using var c = db.Open();
        using var tx = c.BeginTransaction();
        Unique(c, tx, CreditListNames.Incentive, subject.Id, d.DecisionNo);
        var id = listing.Add(c, tx, new ListEntry
        {
            List = CreditListNames.Incentive, SubjectId = subject.Id, DecidingUnit = d.RecognisingUnit.Trim(), DecisionNo = d.DecisionNo.Trim(),
            Grounds = criterion.Name, Reasons = d.Reasons.Trim(), Basis = $"《黑龙江省社会信用条例》第二十五条；{criterion.Basis}",
            StartsOn = d.StartsOn, EndsOn = endsOn, RemovalConditions = "认定期限届满或者不再符合认定标准的，移出名单",
            Remedy = null, Published = d.Published, DecidedAt = clock.GetUtcNow(), DecidedBy = actor.Code,
        });
        tx.Commit();
        return id;
    }

    /// <summary>Records the subject's choice to publish or not its IncentiveList entry (Art. 37).</summary>
    public void SetPublished(long entryId, bool published, string reason, Account actor)
    {
        Authorize(actor);
        var entry = lists.Get(entryId) ?? throw Refusal.NotFound("list.not-found", $"没有编号为{entryId}的名单条目");
        AuthorizeEntry(entry, actor);
        if (entry.List != CreditListNames.Incentive)
            throw Refusal.Conflict("list.conflict", "只有守信激励主体名单可以依申请不公示（第三十七条）");
        if (string.IsNullOrWhiteSpace(reason)) throw Invalid([FieldError.Of("reason", "required", "须说明依据（信用主体的申请）")]);
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        ListDecisionStore.SetPublished(c, tx, entryId, published);
        audit.Append(c, tx, actor.Code, published ? "list.publish" : "list.withhold", $"list-entry:{entryId}", reason.Trim());
        tx.Commit();
    }

    /// <summary>Lifts an active entry before its period ends, with a written reason; linked entries end with it.</summary>
    public void Lift(long entryId, string reason, string note, Account actor)
    {
        Authorize(actor);
        var entry = lists.Get(entryId) ?? throw Refusal.NotFound("list.not-found", $"没有编号为{entryId}的名单条目");
        AuthorizeEntry(entry, actor);
        if (!LiftReasons.ContainsKey(reason ?? ""))
            throw Invalid([FieldError.Of("reason", "unknown-reason", $"移出原因须为{string.Join("、", LiftReasons.Values)}之一")]);
        if (string.IsNullOrWhiteSpace(note)) throw Invalid([FieldError.Of("note", "required", "须书面说明移出理由")]);
        if (!ending.End(entryId, reason!, actor.Code, note.Trim()))
            throw Refusal.Conflict("list.conflict", "该名单条目已移出");
    }

    /// <summary>Records that an owed Art. 32 notification was sent.</summary>
    public void RecordNotification(long notificationId, DateOnly sentOn, string addressee, string reference, Account actor)
    {
        Authorize(actor);
        var owed = notifications.Get(notificationId) ?? throw Refusal.Conflict("list.conflict", "该通报不存在或已登记");
        AuthorizeEntry(lists.Get(owed.EntryId) ?? throw Refusal.NotFound("list.not-found", $"没有编号为{owed.EntryId}的名单条目"), actor);
        var errors = new List<FieldError>();
        Require(addressee, "addressee", "通报对象", errors);
        Require(reference, "reference", "通报文号", errors);
        if (sentOn > clock.Today()) errors.Add(FieldError.Of("sentOn", "future-date", "通报日期晚于今天"));
        if (errors.Count > 0) throw Invalid(errors);
        if (!notifications.RecordSent(notificationId, sentOn, addressee.Trim(), reference.Trim(), actor.Code))
            throw Refusal.Conflict("list.conflict", "该通报不存在或已登记");
    }

    /// <summary>Whether an account decides on the lists and exemptions: deciding staff (<see cref="StaffAccess.Decides"/>),
    /// not auditors, the authority or the window, who only read. Pages offer the forms by the same rule.</summary>
    public static bool MayDecide(Account? actor) => actor is not null && StaffAccess.Decides(actor);

    /// <summary>Only staff who decide (not auditors) act on the lists.</summary>
    private static void Authorize(Account actor)
    {
        if (!MayDecide(actor))
            throw Refusal.Forbidden("list.forbidden", "只有认定单位和公共信用工作机构办理案件的工作人员可以作出名单决定（审计人员、主管部门和窗口人员只读）");
    }

    /// <summary>
    /// The unit a list entry belongs to: the unit of the staff member who decided it, or the deciding account itself (a
    /// provider unit, the court listing's source); null for the credit agency's own decisions.
    /// </summary>
    public string? UnitOf(ListEntry entry) => accounts.Get(entry.DecidedBy) is { } a ? (a.Kind == AccountKinds.Staff ? a.Unit : a.Code) : null;

    /// <summary>Whether <paramref name="actor"/> acts on an existing entry: the credit agency's deciding staff on every
    /// entry, a unit's deciding staff only on their own unit's (<see cref="StaffAccess.ActsFor"/>).</summary>
    public bool MayActOn(ListEntry entry, Account? actor) =>
        MayDecide(actor) && (StaffAccess.IsAgency(actor!) || UnitOf(entry) is { } unit && StaffAccess.ActsFor(actor!, unit));

    private void AuthorizeEntry(ListEntry entry, Account actor)
    {
        if (!MayActOn(entry, actor))
            throw Refusal.Forbidden("list.forbidden", "只有作出该名单决定的单位和公共信用工作机构的工作人员可以办理");
    }

    private SubjectRow? SubjectOf(string code, List<FieldError> errors)
    {
        try
        {
            var s = subjects.Find(code ?? "");
            if (s is null) errors.Add(FieldError.Of("subject", "unknown-subject", $"平台没有代码为“{code}”的信用主体"));
            return s;
        }
        catch (FormatException ex)
        {
            errors.Add(new FieldError("subject", "invalid-code", ex.Message));
            return null;
        }
    }

    private static void Require(string? value, string field, string zh, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(FieldError.Of(field, "required", $"{zh}为必填项"));
    }

    private static void Period(DateOnly starts, DateOnly ends, DateOnly today, List<FieldError> errors)
    {
        if (ends < starts) errors.Add(FieldError.Of("endsOn", "date-order", "期限届满日早于起始日"));
        else if (ends < today) errors.Add(FieldError.Of("endsOn", "past-period", "期限已届满，无须列入"));
    }

    private static void Unique(DbConnection c, DbTransaction tx, string list, long subjectId, string decisionNo)
    {
        if (ListDecisionStore.HasActive(c, tx, list, subjectId, decisionNo.Trim()))
            throw Refusal.Conflict("list.conflict", $"该信用主体已依据{decisionNo}列入名单");
    }

    private static Refusal Invalid(IReadOnlyList<FieldError> errors) => Refusal.Invalid("list.invalid", "名单决定内容有误", errors);
}
