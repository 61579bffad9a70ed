using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Application.Cases;
using Xinyong.Calendar;
using Xinyong.Commitments;
using Xinyong.Cases;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Application.Checks;
using Xinyong.Storage.Checks;
using Xinyong.Storage.Commitments;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Subjects;

namespace Xinyong.Application.Commitments;

/// <summary>A commitment as brought to the licensing unit (or made by a subject itself on the portal).</summary>
/// <param name="Subject">The subject's USCC or resident identity number.</param>
/// <param name="SubjectName">The subject's name (needed only when the platform holds nothing on the subject).</param>
/// <param name="Matter">A matter code of <c>data/commitments</c>.</param>
/// <param name="Type">A type code (or its Chinese name) the matter accepts.</param>
/// <param name="Text">The subject's own declaration, stored as signed.</param>
/// <param name="DecisionDate">The day of the licence or other decision the commitment supports (starts the verification period).</param>
/// <param name="Decision">The decision it supports (e.g. the licence number), as the unit states it.</param>
public sealed record CommitmentIntake(string? Subject, string? Matter, string? Type, string? Text, DateOnly? DecisionDate,
    string? Decision = null, string? SubjectName = null);

/// <summary>A public credit commitment given with a credit repair application.</summary>
/// <param name="SubjectId">The subject.</param>
/// <param name="SubjectRef">Its public reference (USCC, or P… for a natural person).</param>
/// <param name="SubjectName">Its name.</param>
/// <param name="Text">The applicant's commitment, as given.</param>
/// <param name="AcceptingUnit">The unit the repair goes to.</param>
/// <param name="Linked">Runs in the transaction once both exist (repair id, commitment case id), e.g. to link them.</param>
public sealed record RepairPledge(long SubjectId, string SubjectRef, string SubjectName, string Text, string AcceptingUnit,
    Action<CaseContext, long, long>? Linked = null);

/// <summary>The verification's outcome (Art. 46).</summary>
/// <param name="Outcome">fulfilled, rectify or breached.</param>
/// <param name="Reason">What the verification found.</param>
/// <param name="RectifyBy">rectify: the last day to rectify (default: the rule <c>commitment-rectification</c>).</param>
/// <param name="Finding">breached: 未履行承诺 (default) or 虚假承诺.</param>
/// <param name="DecisionNo">breached: the number of the verification's conclusion (default: from the case number).</param>
/// <param name="Measure">breached: what follows (撤销行政许可, 行政处罚 …), as the unit states it.</param>
public sealed record CommitmentVerification(string? Outcome, string? Reason, DateOnly? RectifyBy = null, string? Finding = null,
    string? DecisionNo = null, string? Measure = null);

/// <summary>The data the commitment case keeps in <c>cases.data</c>.</summary>
public sealed record CommitmentData(string Matter, string Type, string AcceptingUnit, string? Decision, DateOnly? DecisionDate);

/// <summary>
/// 信用承诺 (Art. 42, 45, 46, 50) on the case engine: intake with the eligibility check of Art. 45 (1) (logged like every
/// check), 容缺受理 with its materials period (Art. 45 (2)), verification within two calendar months of the decision
/// (Art. 46) with its three outcomes, and the public records: the commitment itself (信用承诺, Art. 50) and, on a breach,
/// the negative record <c>commitment-breach</c> that makes the subject ineligible until repaired and triggers C-45.
/// </summary>
public sealed class CommitmentDesk(
    CaseEngine engine, CommitmentRules rules, CommitmentStore store, CatalogSet catalog, DeadlineStore deadlines, CheckService checks, CheckLog checkLog,
    SubjectStore subjects, UnitDirectory units, TimeProvider clock, Xinyong.Storage.Emergencies.EmergencyRegistry? emergencies = null)
{
    /// <summary>The case kind (<c>data/cases/commitment.yaml</c>).</summary>
    public const string Kind = CaseKinds.Commitment;

    /// <summary>The verification step (deadline rule, two calendar months).</summary>
    public const string VerificationStep = "commitment-verification";

    /// <summary>The rectification step (deadline rule; or the day the verifying unit sets).</summary>
    public const string RectificationStep = "commitment-rectification";

    /// <summary>The rules in force today.</summary>
    public CommitmentRuleSet Current => rules.For(clock.Today());

    /// <summary>
    /// Accepts a commitment for <paramref name="unit"/> (the accepting unit; <c>agency</c> for a subject's own on the
    /// portal): checks the request, then eligibility (refused with <c>ineligible</c>, the reason and the measure), then
    /// opens the case with its public record, its 容缺 materials step and its verification step, in one transaction.
    /// </summary>
    public async Task<CommitmentRow> Accept(CommitmentIntake r, CaseActor who, string unit, string channel)
    {
        var today = clock.Today();
        var set = rules.For(today);
        var matter = string.IsNullOrWhiteSpace(r.Matter) ? throw Refusal.Invalid("commitment.matter-required", "须填写承诺事项（信用承诺事项清单中的编码）")
            : set.Matter(r.Matter) ?? throw Refusal.Invalid("commitment.matter-unknown", $"“{r.Matter.Trim()}”不是适用信用承诺制的事项，可选：{string.Join("、", set.Matters.Select(m => $"{m.Code}（{m.Name}）"))}");
        var type = string.IsNullOrWhiteSpace(r.Type) ? throw Refusal.Invalid("commitment.type-required", "须填写承诺类型")
            : set.Type(r.Type) is { } t && matter.Types.Contains(t.Code) ? t
            : throw Refusal.Invalid("commitment.type-not-accepted", $"“{matter.Name}”不接受“{r.Type.Trim()}”类承诺，可选：{string.Join("、", matter.Types.Select(c => $"{c}（{set.Type(c)!.Name}）"))}");
        if (channel == CommitmentChannels.Portal && !type.SelfService)
            throw Refusal.Invalid("commitment.type-not-self-service", $"“{type.Name}”类承诺须向办理单位作出，信用主体在门户网站只能自主作出{string.Join("、", set.Types.Where(x => x.SelfService).Select(x => x.Name))}类承诺");
        if (string.IsNullOrWhiteSpace(r.Text)) throw Refusal.Invalid("commitment.text-required", "须提交信用主体签署的承诺书内容");
        if (r.Text.Trim().Length > 4000) throw Refusal.Invalid("commitment.text-too-long", "承诺书内容不得超过4000字");
        if (r.DecisionDate is { } dd && dd > today) throw Refusal.Invalid("commitment.decision-date", "决定日期不能晚于今天");
        if (string.IsNullOrWhiteSpace(r.Subject)) throw Refusal.Invalid("commitment.subject-required", "须填写信用主体的统一社会信用代码或公民身份号码");
        SubjectRow? subject;
        try { subject = subjects.Find(r.Subject); }
        catch (FormatException) { throw Refusal.Invalid("commitment.subject-invalid", $"“{r.Subject.Trim()}”不是有效的统一社会信用代码或公民身份号码"); }
        var name = subject?.Name ?? (string.IsNullOrWhiteSpace(r.SubjectName)
            ? throw Refusal.Invalid("commitment.subject-name-required", "平台尚无该信用主体的信息，须填写其名称")
            : r.SubjectName.Trim());

        await CheckEligibility(r.Subject.Trim(), unit, set.Eligibility);

        var verifier = matter.Verifier ?? unit;
        var data = new CommitmentData(matter.Code, type.Code, unit, string.IsNullOrWhiteSpace(r.Decision) ? null : r.Decision.Trim(), r.DecisionDate);
        var opening = new CaseOpening(verifier, subject?.Id, CaseContext.WriteData(data), [new NewParty("subject", name, SubjectId: subject?.Id)]);
        CommitmentRow? row = null;
        engine.Open(Kind, opening, who, ctx =>
        {
            var number = ctx.Case.Number;
            var (recordId, subjectId) = WriteRecord(ctx, "credit-commitment", new Dictionary<string, string?>
            {
                ["subjectName"] = name, ["subjectCode"] = r.Subject.Trim(), ["commitmentNo"] = number, ["commitmentType"] = type.Name,
                ["matter"] = matter.Name, ["content"] = r.Text.Trim(), ["committedOn"] = WorkingCalendar.Iso(today),
                ["acceptingUnit"] = units.Name(unit), ["fulfilment"] = "履行中",
            }, RecordProvider(who, unit), today, ctx.At, "commitment", $"信用承诺{number}（{matter.Name}，{type.Name}）");
            if (subject is null)
            {
                ctx.SubjectId = subjectId;
                store.LinkSubject(ctx.Connection, ctx.Transaction, ctx.Case.Id, subjectId);
            }
            DateOnly? verificationDue = null, materialsDue = null;
            if (r.DecisionDate is { } decided)
            {
                verificationDue = deadlines.Calculator.Compute(VerificationStep, decided, verifier).Due;
                ctx.OpenStep(VerificationStep, decided);
            }
            if (type.MissingMaterials && matter.Materials is { } m)
            {
                materialsDue = deadlines.Calculator.Compute(m.Step, today, verifier).Due;
                // An emergency declared for the subject's region extends the performance period (Art. 30 (3)).
                if (Extension(subject?.Region, today) is { } ext) { materialsDue = materialsDue.Value.AddDays(ext.Days); ctx.OpenStep(m.Step, today, materialsDue); }
                else ctx.OpenStep(m.Step, today);
            }
            row = new CommitmentRow
            {
                Id = ctx.Case.Id, Number = number, SubjectId = subjectId, Matter = matter.Code, MatterName = matter.Name, Type = type.Code, TypeName = type.Name,
                SignedText = r.Text.Trim(), AcceptingUnit = unit, VerifyingUnit = verifier, Channel = channel, CommittedOn = today,
                DecisionDate = r.DecisionDate, VerificationDue = verificationDue, MaterialsDue = materialsDue, RecordId = recordId, CreatedAt = ctx.At,
            };
            store.Insert(ctx.Connection, ctx.Transaction, row);
            ctx.Detail = $"受理{type.Name}类信用承诺：{matter.Name}" +
                         (verificationDue is { } v ? $"；应于{WorkingCalendar.Iso(v)}前完成核查（第四十六条）" : "") +
                         (materialsDue is { } md ? $"；容缺材料（{string.Join("、", matter.Materials!.Items)}）应于{WorkingCalendar.Iso(md)}前补齐" : "");
        });
        return store.Get(row!.Id)!;
    }

    /// <summary>
    /// The public credit commitment given with a credit repair application (national Credit Repair Measures; Art. 40):
    /// opens a commitment case of the matter that takes the type <c>credit-repair</c>, written by the applicant and
    /// accepted by the unit the repair goes to, and runs <paramref name="repair"/> (which stores the application and
    /// returns its id) in the same transaction, so the application and its published commitment commit together. No
    /// eligibility check: the commitment is itself a condition of the repair that ends the dishonesty Art. 45 (1) looks
    /// at. An organisation's commitment is also written as its public 信用承诺 record; a natural person's is published in
    /// the list only (the platform keeps no identity number to write the record with).
    /// </summary>
    public CommitmentRow ForRepair(RepairPledge p, CaseActor who, Func<CaseContext, long> repair)
    {
        var today = clock.Today();
        var set = rules.For(today);
        var type = set.Type(RepairType) ?? throw Refusal.Conflict("commitment.repair-type-missing", "信用承诺事项清单中没有“信用修复”类承诺，暂不能受理信用修复申请");
        var matter = set.Matters.FirstOrDefault(m => m.Types.Contains(type.Code))
                     ?? throw Refusal.Conflict("commitment.repair-matter-missing", "信用承诺事项清单中没有接受“信用修复”类承诺的事项，暂不能受理信用修复申请");
        var verifier = matter.Verifier ?? p.AcceptingUnit;
        var person = p.SubjectRef.StartsWith('P') && p.SubjectRef.Length == 17;
        CommitmentRow? row = null;
        var data = new CommitmentData(matter.Code, type.Code, p.AcceptingUnit, null, null);
        engine.Open(Kind, new CaseOpening(verifier, p.SubjectId, CaseContext.WriteData(data), [new NewParty("subject", p.SubjectName, SubjectId: p.SubjectId)]), who, ctx =>
        {
            var repairId = repair(ctx);
            var number = ctx.Case.Number;
            long? recordId = null;
            if (!person)
                recordId = WriteRecord(ctx, "credit-commitment", new Dictionary<string, string?>
                {
                    ["subjectName"] = p.SubjectName, ["subjectCode"] = p.SubjectRef, ["commitmentNo"] = number, ["commitmentType"] = type.Name,
                    ["matter"] = matter.Name, ["content"] = p.Text, ["committedOn"] = WorkingCalendar.Iso(today),
                    ["acceptingUnit"] = units.Name(p.AcceptingUnit), ["fulfilment"] = "履行中",
                }, p.AcceptingUnit, today, ctx.At, "commitment", $"信用承诺{number}（{matter.Name}，随信用修复申请{repairId}作出）").RecordId;
            ctx.Write(data with { Decision = $"信用修复申请{repairId}" });
            row = new CommitmentRow
            {
                Id = ctx.Case.Id, Number = number, SubjectId = p.SubjectId, Matter = matter.Code, MatterName = matter.Name, Type = type.Code, TypeName = type.Name,
                SignedText = p.Text, AcceptingUnit = p.AcceptingUnit, VerifyingUnit = verifier, Channel = who.SubjectId is null ? CommitmentChannels.Unit : CommitmentChannels.Portal,
                CommittedOn = today, RecordId = recordId, CreatedAt = ctx.At,
            };
            store.Insert(ctx.Connection, ctx.Transaction, row);
            p.Linked?.Invoke(ctx, repairId, ctx.Case.Id);
            ctx.Detail = $"随信用修复申请{repairId}作出{type.Name}类信用承诺：{matter.Name}（国家《信用修复管理办法》；《黑龙江省社会信用条例》第四十条）";
        });
        return store.Get(row!.Id)!;
    }

    /// <summary>The commitment type given with a credit repair application.</summary>
    public const string RepairType = "credit-repair";

    /// <summary>
    /// Art. 45 (1): the subject is checked in the eligibility scenario and the check is logged like every check (the
    /// subject's access log, the unit's counts); the measure of the rules among the answer refuses the commitment with
    /// its reason.
    /// </summary>
    private async Task CheckEligibility(string subjectCode, string unit, CommitmentEligibility rule)
    {
        var result = await checks.Evaluate(subjectCode, rule.Scenario);
        var now = clock.GetUtcNow();
        await checkLog.Append(new CheckEntry(Guid.CreateVersion7(now).ToString("N"), now, unit, result.SubjectId, result.Subject, result.Scenario.Code,
            "信用承诺适用资格核查（第四十五条第一款）", result.Version.Version, CheckService.MeasuresJson(result.Measures), result.Measures.Count > 0));
        var blocking = result.Measures.FirstOrDefault(m => m.Measure.Code == rule.Measure);
        if (blocking is null) return;
        var reasons = blocking.TriggeredBy.Select(t => t.Type == "list" ? "已被列入严重失信主体名单" : t.Item == "commitment-breach" ? "有未履行信用承诺或者虚假承诺的记录，尚未完成信用修复" : $"有失信记录（{t.Item}）")
            .Distinct().ToList();
        throw Refusal.RuleNotMet("ineligible",
            $"该信用主体{string.Join("；", reasons)}，在信用修复完成前不得适用信用承诺制（{blocking.Measure.Code}：{blocking.Measure.Name}；{blocking.Measure.Basis}），请按照一般程序办理",
            new Dictionary<string, object?>
            {
                ["reason"] = string.Join("；", reasons),
                ["measure"] = blocking.Measure.Code,
                ["measureName"] = blocking.Measure.Name,
                ["basis"] = blocking.Measure.Basis,
                ["triggeredBy"] = blocking.TriggeredBy.Select(t => new Dictionary<string, object?> { ["type"] = t.Type, ["id"] = t.Id, ["item"] = t.Item }).ToList(),
            });
    }

    /// <summary>
    /// 容缺受理: the missing materials arrived; the unit decides on the spot (Art. 45 (2)). Completes the materials step
    /// (met, or late after its day) and, with the decision's day, opens the verification (Art. 46).
    /// </summary>
    public CommitmentRow MaterialsReceived(long id, DateOnly? decisionDate, string? note, CaseActor who, int? expectedVersion = null)
    {
        var today = clock.Today();
        var c = store.Get(id) ?? throw NotFound(id);
        if (c.MaterialsDue is null) throw Refusal.Conflict("commitment.no-materials", $"信用承诺{c.Number}不是容缺受理，没有待补齐的材料");
        if (c.MaterialsReceivedOn is not null) throw Refusal.Conflict("commitment.materials-received", $"信用承诺{c.Number}的容缺材料已于{WorkingCalendar.Iso(c.MaterialsReceivedOn.Value)}补齐");
        var decided = decisionDate ?? c.DecisionDate ?? today;
        if (decided > today) throw Refusal.Invalid("commitment.decision-date", "决定日期不能晚于今天");
        engine.Act(id, "materials-received", who, null, ctx =>
        {
            var matter = rules.For(c.CommittedOn).Matter(c.Matter)!;
            foreach (var d in deadlines.OfCase(ctx.Connection, ctx.Transaction, Kind, id).Where(d => d.Status == DueStates.Open && d.Code == matter.Materials?.Step))
                deadlines.Complete(ctx.Connection, ctx.Transaction, d, ctx.At);
            DateOnly? due = c.VerificationDue;
            if (due is null)
            {
                due = deadlines.Calculator.Compute(VerificationStep, decided, c.VerifyingUnit).Due;
                ctx.OpenStep(VerificationStep, decided);
            }
            store.MaterialsReceived(ctx.Connection, ctx.Transaction, id, today, c.DecisionDate is null ? decided : null, due);
            var late = today > c.MaterialsDue.Value;
            ctx.Detail = $"容缺材料于{WorkingCalendar.Iso(today)}补齐{(late ? $"（逾期，应于{WorkingCalendar.Iso(c.MaterialsDue.Value)}前补齐）" : "")}，" +
                         $"{WorkingCalendar.Iso(decided)}作出决定；应于{WorkingCalendar.Iso(due.Value)}前完成核查{(string.IsNullOrWhiteSpace(note) ? "" : "；" + note.Trim())}";
        }, expectedVersion);
        return store.Get(id)!;
    }

    /// <summary>
    /// The verification (Art. 46): fulfilled; not fulfilled, ordered to rectify by a day; or false or still unfulfilled,
    /// which writes the <c>commitment-breach</c> record with its basis (and the commitment's 履行情况) in the same transaction.
    /// </summary>
    public CommitmentRow Verify(long id, CommitmentVerification v, CaseActor who, int? expectedVersion = null)
    {
        var today = clock.Today();
        var c = store.Get(id) ?? throw NotFound(id);
        var reason = v.Reason?.Trim();
        if (reason is { Length: > 2000 }) throw Refusal.Invalid("commitment.reason-too-long", "核查情况不得超过2000字");
        var outcome = Statuses.Of<CommitmentOutcome>(v.Outcome);
        if (outcome == CommitmentOutcome.Fulfilled)
        {
            engine.Act(id, CommitmentOutcome.Fulfilled, who, null, ctx =>
            {
                Fulfilment(ctx, c, "已履行", "核查确认已履行承诺", today);
                store.Verified(ctx.Connection, ctx.Transaction, id, CommitmentOutcome.Fulfilled, today, null);
                ctx.Detail = "经核查，信用主体已履行承诺" + (string.IsNullOrWhiteSpace(reason) ? "" : "：" + reason);
            }, expectedVersion);
        }
        else if (outcome == CommitmentOutcome.Rectify)
        {
            if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("commitment.reason-required", "责令限期整改须写明未履行承诺的情况");
            if (v.RectifyBy is { } by && by <= today) throw Refusal.Invalid("commitment.rectify-by", "整改期限须晚于今天");
            engine.Act(id, CommitmentOutcome.Rectify, who, null, ctx =>
            {
                var due = v.RectifyBy ?? deadlines.Calculator.Compute(RectificationStep, today, c.VerifyingUnit).Due;
                // An emergency declared for the subject's region extends the rectification period (Art. 30 (3)).
                var extension = v.RectifyBy is null ? Extension(subjects.Get(c.SubjectId)?.Region, today) : null;
                if (extension is { } ext) due = due.AddDays(ext.Days);
                ctx.OpenStep(RectificationStep, today, v.RectifyBy ?? (extension is null ? null : due));
                store.Verified(ctx.Connection, ctx.Transaction, id, CommitmentOutcome.Rectify, today, null);
                ctx.Notify(Mailbox.OfSubject(c.SubjectId), "信用承诺核查：责令限期整改",
                    $"您作出的信用承诺{c.Number}（{c.MatterName}）经核查未履行：{reason}。请于{WorkingCalendar.Iso(due)}前完成整改；逾期未整改的，依法撤销行政许可或者予以行政处罚，并记入公共信用信息（《黑龙江省社会信用条例》第四十六条）。");
                ctx.Detail = $"经核查未履行承诺：{reason}；责令于{WorkingCalendar.Iso(due)}前整改";
            }, expectedVersion);
        }
        else if (outcome == CommitmentOutcome.Breached)
        {
            if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("commitment.reason-required", "须写明虚假承诺或者仍未履行承诺的事实");
            var finding = string.IsNullOrWhiteSpace(v.Finding) ? "未履行承诺" : v.Finding.Trim();
            if (finding is not ("未履行承诺" or "虚假承诺")) throw Refusal.Invalid("commitment.finding", "核查结论须为“未履行承诺”或“虚假承诺”");
            engine.Act(id, CommitmentOutcome.Breached, who, null, ctx =>
            {
                var decisionNo = string.IsNullOrWhiteSpace(v.DecisionNo) ? $"{c.Number}核查" : v.DecisionNo.Trim();
                var (breachId, _) = WriteRecord(ctx, "commitment-breach", new Dictionary<string, string?>
                {
                    ["subjectName"] = c.SubjectName, ["subjectCode"] = SubjectCode(c), ["commitmentNo"] = c.Number, ["decisionNo"] = decisionNo,
                    ["finding"] = finding, ["decisionDate"] = WorkingCalendar.Iso(today), ["authority"] = units.Name(c.VerifyingUnit),
                }, RecordProvider(who, c.VerifyingUnit), today, ctx.At, "commitment-breach",
                    $"信用承诺{c.Number}经核查认定{finding}：{reason}（《黑龙江省社会信用条例》第四十五条第一款、第四十六条）");
                Fulfilment(ctx, c, finding == "虚假承诺" ? "虚假承诺" : "未履行", $"核查认定{finding}", today);
                store.Verified(ctx.Connection, ctx.Transaction, id, CommitmentOutcome.Breached, today, breachId);
                ctx.Notify(Mailbox.OfSubject(c.SubjectId), $"信用承诺核查：{finding}",
                    $"您作出的信用承诺{c.Number}（{c.MatterName}）经核查认定{finding}：{reason}。{(string.IsNullOrWhiteSpace(v.Measure) ? "" : $"处理：{v.Measure.Trim()}。")}该信息已记入公共信用信息，在信用修复完成前不得适用信用承诺制（《黑龙江省社会信用条例》第四十五条第一款、第四十六条）。");
                ctx.Detail = $"经核查认定{finding}：{reason}{(string.IsNullOrWhiteSpace(v.Measure) ? "" : $"；处理：{v.Measure.Trim()}")}；已记入未履行信用承诺及虚假承诺信息（{decisionNo}）";
            }, expectedVersion);
        }
        else
        {
            throw Refusal.Invalid("commitment.outcome", "核查结果须为 fulfilled（已履行）、rectify（责令限期整改）或 breached（未履行或虚假承诺）");
        }
        return store.Get(id)!;
    }

    /// <summary>
    /// Writes a record of <paramref name="itemCode"/> in the action's transaction, its fields checked against the catalog
    /// first (refused naming each field that does not pass).
    /// </summary>
    private (long RecordId, long SubjectId) WriteRecord(CaseContext ctx, string itemCode, IReadOnlyDictionary<string, string?> values,
        string provider, DateOnly today, DateTimeOffset now, string eventKind, string detail)
    {
        var item = catalog.Item(itemCode) ?? throw new InvalidOperationException($"item {itemCode} is not in the catalog");
        var errors = new List<FieldError>();
        var aligned = item.Fields.Select(f => values.GetValueOrDefault(f.Code)).ToArray();
        var valid = new RecordValidator(item).Validate(aligned, item.Fields.Select(f => f.Code).ToArray(), today, errors)
                    ?? throw Refusal.Invalid("commitment.record-invalid", $"信用承诺信息不符合目录“{item.Name}”的要求：" +
                       string.Join("；", errors.Select(e => $"{item.Field(e.Field)?.Label ?? e.Field}：{e.Message.Split(" / ")[0]}")));
        return store.WriteRecord(ctx.Connection, ctx.Transaction, item, valid, provider, now, eventKind, detail);
    }

    /// <summary>The performance extension an emergency declaration in force today declares for a subject's division, if any.</summary>
    private (int Days, Xinyong.Emergencies.EmergencyDeclaration Declaration)? Extension(string? division, DateOnly day) =>
        emergencies?.PerformanceExtension(division, day);

    private void Fulfilment(CaseContext ctx, CommitmentRow c, string value, string reason, DateOnly today)
    {
        if (c.RecordId is { } recordId)
            store.UpdateField(ctx.Connection, ctx.Transaction, recordId, "fulfilment", value, ctx.Who.Actor.Code, today, ctx.At, reason);
    }

    /// <summary>The code the breach record names the subject by: its USCC (a person's number is never stored, so a person's commitment breach is entered by the unit).</summary>
    private string SubjectCode(CommitmentRow c) =>
        c.SubjectRef.StartsWith('P') && c.SubjectRef.Length == 17
            ? throw Refusal.Conflict("commitment.person-breach", "自然人的未履行承诺信息须由核查单位按目录报送（平台不保存公民身份号码）")
            : c.SubjectRef;

    /// <summary>The provider of a record the commitment writes: the acting account's unit.</summary>
    private static string RecordProvider(CaseActor who, string unit) => who.Account is { Kind: AccountKinds.Department } a ? a.Code : unit;

    private static Refusal NotFound(long id) => Refusal.NotFound("commitment.not-found", $"没有编号为{id}的信用承诺");
}

/// <summary>How a commitment came in.</summary>
public static class CommitmentChannels
{
    /// <summary>Accepted by a unit (API or staff page).</summary>
    public const string Unit = "unit";
    /// <summary>Made by the subject itself on the portal.</summary>
    public const string Portal = "portal";
}
