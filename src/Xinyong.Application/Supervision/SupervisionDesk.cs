using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Xinyong.Application.Cases;
using Xinyong.Calendar;
using Xinyong.Cases;
using Xinyong.Identifiers;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Supervision;
using Xinyong.Subjects;
using Xinyong.Supervision;

namespace Xinyong.Application.Supervision;

/// <summary>
/// The business-environment supervision desk (《黑龙江省营商环境监督办法》 Art. 16-25, 29): clues from every channel,
/// review within 5 working days, the respondent's written answer within 5, investigation, closing within 30 (extended
/// by at most 10 in total; typed pauses and suspension do not count), the five closing types with the integrity record
/// of a serious violation, the follow-up of an order to correct, review by the level above and the SM Art. 25 powers of
/// the level above. Every step is an action of the case engine (kind <c>supervision</c>, <c>data/cases/supervision.yaml</c>).
/// </summary>
public sealed class SupervisionDesk(
    CaseEngine engine, SupervisionRules rules, SupervisionStore store, SupervisionCaseRules access, DeadlineCalculator calculator,
    AccountStore accounts, CaseAttachments attachments, Database db, TimeProvider clock)
{
    /// <summary>The kind code.</summary>
    public const string Kind = SupervisionCaseRules.KindCode;

    /// <summary>The deadline rule codes of the kind.</summary>
    public const string ReviewStep = "supervision-review", AnswerStep = "supervision-answer", CloseStep = "supervision-close",
        ReviewRequestRule = "supervision-review-request";

    /// <summary>The mailbox kind of a complainant (recipient = the case id): read on the query page with the query code.</summary>
    public const string ComplainantMailbox = "complainant";

    /// <summary>The rules.</summary>
    public SupervisionRules Rules => rules;

    /// <summary>The engine.</summary>
    public CaseEngine Engine => engine;

    /// <summary>The store of the kind's own columns.</summary>
    public SupervisionStore Store => store;

    /// <summary>The access rules.</summary>
    public SupervisionCaseRules Access => access;

    // ------------------------------------------------------------------ clues (SM Art. 16)

    /// <summary>
    /// Files a clue received by staff of an authority (any channel of SM Art. 16), by a registered monitoring station
    /// or special supervisor (SM Art. 12, 13: their own accounts), or through the public complaint form
    /// (<paramref name="who"/> null). Refused when the same facts and reasons were already decided on review (SM Art. 24).
    /// </summary>
    public FiledClue File(NewClue clue, CaseActor? who, IReadOnlyList<NewAttachment>? files = null)
    {
        files ??= [];
        CaseAttachments.Validate(files);
        var today = clock.Today();
        var account = who?.Account;
        var source = account is not null && SupervisionSources.IsSource(account) ? account : null;
        var staffAuthority = access.AuthorityOf(account);
        if (who is not null && source is null && staffAuthority is null)
            throw Refusal.Forbidden("supervision.not-authority", "只有营商环境主管部门工作人员、登记的营商环境监测站（点）和特邀监督员可以登记问题线索");

        var channel = source is not null ? source.Role! : who is null ? "complaint" : (clue.Channel ?? "").Trim();
        if (SupervisionRules.Find(rules.Channels, channel) is null || channel == "review")
            throw Refusal.Invalid("supervision.channel", $"线索来源须为{Names(rules.Channels.Where(c => c.Code != "review"))}之一");
        var authority = rules.Authority(clue.Authority ?? staffAuthority?.Region ?? source?.Region)
            ?? throw Refusal.Invalid("supervision.authority", "须指明受理线索的营商环境主管部门（行政区划代码）");
        if (staffAuthority is not null && !rules.IsAtOrAbove(staffAuthority, authority))
            throw Refusal.Forbidden("supervision.other-authority", $"无权为{authority.Name}登记问题线索");

        var categories = (clue.Categories ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToArray();
        if (categories.Length == 0) throw Refusal.Invalid("supervision.categories", "须至少选择一项损害营商环境的情形（《黑龙江省营商环境监督办法》第八条）");
        foreach (var c in categories.Where(c => rules.Category(c) is null))
            throw Refusal.Invalid("supervision.categories", $"没有“{c}”这一情形，可选：art8-1至art8-15");
        var facts = (clue.Facts ?? "").Trim();
        if (facts.Length < 5) throw Refusal.Invalid("supervision.facts", "须写明损害营商环境的具体事实");
        var complainant = clue.Complainant;
        if (channel == "complaint" && string.IsNullOrWhiteSpace(complainant?.Name))
            throw Refusal.Invalid("supervision.complainant", "complainant.name：投诉举报须写明投诉人姓名或者名称");
        if (who is null && string.IsNullOrWhiteSpace(complainant?.Contact))
            throw Refusal.Invalid("supervision.contact", "complainant.contact：须留下联系电话或者电子邮箱，以便书面告知办理结果");
        var arrears = clue.Arrears;
        if (categories.Any(c => rules.Category(c)!.Arrears) && arrears is not null && arrears.AmountWan is <= 0)
            throw Refusal.Invalid("supervision.arrears", "arrears.amountWan：拖欠金额须大于零");

        var (respondentName, respondentCode, identity) = Respondent(clue.Respondent, today);
        // A body named without its USCC: the government body of that name when known (taking its USCC), else a body
        // keyed by its name (SubjectIdentity.OfGovernmentName), created with the case and completed by staff later.
        var named = identity is null ? store.GovernmentBodyNamed(respondentName) : null;
        long? respondentId = named?.Id;
        if (named is { IdType: "uscc" } && Uscc.TryParse(named.Ref, out var knownUscc, out _))
            (respondentCode, identity) = (knownUscc.Value, SubjectIdentity.Of(knownUscc));
        var fingerprint = Fingerprint(identity?.Value ?? respondentName, categories, facts);
        using (var c = db.Open())
            if (store.DecidedReviewOf(c, null, fingerprint) is { } earlier)
                throw Refusal.RuleNotMet("supervision.repeat-after-review",
                    $"该投诉与案件{engine.Cases.Get(earlier)?.Number}的事实和理由相同，且已作出复查决定，依照《黑龙江省营商环境监督办法》第二十四条第二款不再受理",
                    new Dictionary<string, object?> { ["earlierCase"] = engine.Cases.Get(earlier)?.Number });

        var queryCode = complainant is not null && !string.IsNullOrWhiteSpace(complainant.Name) ? NewQueryCode() : null;
        var data = new SupervisionData
        {
            Channel = channel, Categories = categories, Facts = facts, RespondentName = respondentName, RespondentCode = respondentCode,
            Arrears = categories.Any(c => rules.Category(c)!.Arrears) ? arrears : null,
        };
        var actor = who ?? new CaseActor(new Actor("complainant", $"投诉人{complainant!.Name!.Trim()}"), null);
        string? respondentAccount = null;
        var file = engine.Open(Kind, new CaseOpening(authority.Unit, null, CaseContext.WriteData(data), []), actor, ctx =>
        {
            if (identity is not null) respondentId = store.ResolveBody(ctx.Connection, ctx.Transaction, identity, respondentName, identity.Value.Substring(2, 6));
            else respondentId ??= store.ResolveBody(ctx.Connection, ctx.Transaction, SubjectIdentity.OfGovernmentName(respondentName), respondentName, null);
            respondentAccount = identity is null ? null : store.AccountOfUscc(ctx.Connection, ctx.Transaction, identity.Value);
            var cases = engine.Cases;
            cases.AddParty(ctx.Connection, ctx.Transaction, ctx.Case.Id, "respondent", respondentAccount, respondentId, respondentName, null);
            if (complainant is not null && !string.IsNullOrWhiteSpace(complainant.Name))
                cases.AddParty(ctx.Connection, ctx.Transaction, ctx.Case.Id, "complainant", null, null, complainant.Name.Trim(), complainant.Contact?.Trim());
            if (source is not null)
                cases.AddParty(ctx.Connection, ctx.Transaction, ctx.Case.Id, "source", source.Code, null, source.Name, null);
            ctx.Parties = cases.Parties(ctx.Connection, ctx.Transaction, ctx.Case.Id);
            store.Insert(ctx.Connection, ctx.Transaction, new SupervisionRow
            {
                CaseId = ctx.Case.Id, Channel = channel, SourceAccount = source?.Code, RespondentName = respondentName, RespondentSubjectId = respondentId,
                RespondentAccount = respondentAccount, ComplainantName = complainant?.Name?.Trim(), Fingerprint = fingerprint,
                QueryCodeHash = queryCode is null ? null : Hash(queryCode), ReceivedOn = today,
            }, categories);
            SetSubject(ctx, respondentId);
            foreach (var f in files) attachments.Add(ctx.Connection, ctx.Transaction, Kind, ctx.Case.Id, f, actor.Actor.Code, ctx.At);
            if (queryCode is not null)
                ctx.Notify(new Mailbox(ComplainantMailbox, ctx.Case.Id.ToString(CultureInfo.InvariantCulture)), "问题线索已登记",
                    $"您反映的问题线索已由{authority.Name}登记，案件编号{ctx.Case.Number}，将自收到之日起五个工作日内审查（《黑龙江省营商环境监督办法》第十七条）。", complainant!.Contact);
        }, $"登记问题线索（{SupervisionRules.Find(rules.Channels, channel)!.Name}），受理机关：{authority.Name}");
        var due = engine.Steps(file).Last(s => s.Code == ReviewStep).DueOn;
        return new FiledClue(file.Id, file.Number, file.State, due, queryCode);
    }

    private void SetSubject(CaseContext ctx, long? subjectId)
    {
        if (subjectId is { } id) ctx.SubjectId = id;
    }

    private (string Name, string? Code, SubjectIdentity? Identity) Respondent(ClueRespondent? r, DateOnly today)
    {
        var name = r?.Name?.Trim();
        var code = r?.Code?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            if (string.IsNullOrEmpty(name)) throw Refusal.Invalid("supervision.respondent", "须写明被反映的人民政府或者部门的名称或者统一社会信用代码");
            return (name, null, null);
        }
        if (!Uscc.TryParse(code, out var u, out var error))
            throw Refusal.Invalid("supervision.respondent", $"respondent.code：{error.Message(IdKind.Uscc)}");
        if (SubjectKinds.FromUscc(u) != SubjectKind.GovernmentBody)
            throw Refusal.Invalid("supervision.respondent", "respondent.code：被监督对象须为人民政府或者部门（机关的统一社会信用代码以“11”开头）");
        return (string.IsNullOrEmpty(name) ? u.Value : name, u.Value, SubjectIdentity.Of(u));
    }

    // ------------------------------------------------------------------ review (SM Art. 17)

    /// <summary>
    /// Reviews a clue: accept (the respondent is asked for a written answer within 5 working days, the case closes within
    /// 30), transfer to a lower authority, refer up, hand over to the supervision commission or a judicial organ, or
    /// reject for an SM Art. 17 (4) reason. The parties are told in writing. For a transfer, <c>toAuthority</c> is the
    /// lower authority's division code (default: the respondent's division, when below).
    /// </summary>
    public ReviewResult Review(long caseId, string? outcome, string? reason, string? rejectReason, string? toAuthority, CaseActor who, int? version = null)
    {
        outcome = outcome?.Trim();
        string[] outcomes = ["accept", "transfer", "refer-up", "hand-over", "reject"];
        if (outcome is null || !outcomes.Contains(outcome))
            throw Refusal.Invalid("supervision.outcome", "审查结果须为accept（受理）、transfer（转送下级）、refer-up（报请上级）、hand-over（移交）或reject（不予受理）");
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("supervision.reason", "须写明审查意见或者理由");
        var (file, _) = engine.Read(caseId, who);
        var owner = rules.AuthorityOfUnit(file.Unit)!;
        var row = store.Get(caseId)!;
        Authority? target = null;
        SupervisionTerm? why = null;
        switch (outcome)
        {
            case "transfer":
                target = rules.Authority(toAuthority) ?? DefaultLower(owner, row)
                    ?? throw Refusal.Invalid("supervision.to-authority", "须指明转送的下级营商环境主管部门（行政区划代码）");
                if (target.Parent != owner.Region)
                    throw Refusal.RuleNotMet("supervision.not-lower", $"{target.Name}不是{owner.Name}的下一级营商环境主管部门");
                break;
            case "refer-up":
                target = rules.Above(owner) ?? throw Refusal.RuleNotMet("supervision.no-upper", $"{owner.Name}为省级营商环境主管部门，没有上级主管部门");
                break;
            case "reject":
                why = SupervisionRules.Find(rules.RejectReasons, rejectReason?.Trim() ?? "no-power");
                if (rejectReason is not null && why is null)
                    throw Refusal.Invalid("supervision.reject-reason", $"不予受理的情形须为{Names(rules.RejectReasons)}之一");
                break;
        }
        var reasonText = reason.Trim();
        var action = outcome;
        var updated = engine.Act(caseId, action, who, detail: null, expectedVersion: version, work: ctx =>
        {
            var data = ctx.Read<SupervisionData>();
            var today = ctx.Today;
            ctx.Write(data with { Review = new ReviewDecision(outcome, reasonText, why?.Code, target?.Region, today) });
            var number = ctx.Case.Number;
            string notice;
            switch (outcome)
            {
                case "accept":
                    var account = EnsureRespondentAccount(ctx, row);
                    store.Set(ctx.Connection, ctx.Transaction, caseId, "accepted_on", today);
                    notice = $"案件{number}已于{today:yyyy-MM-dd}受理（《黑龙江省营商环境监督办法》第十七条第（一）项）。";
                    ctx.Notify(new Mailbox(Recipients.Unit, account), $"营商环境监督案件{number}：请于五个工作日内书面答复",
                        $"{owner.Name}已受理反映贵单位的问题线索（案件{number}），请自收到通知之日起五个工作日内提出书面答复，并提交相应证据、依据和其他有关材料（《黑龙江省营商环境监督办法》第十八条）。");
                    ctx.Detail = $"受理。{reasonText}";
                    break;
                case "transfer":
                case "refer-up":
                    ctx.Unit = target!.Unit;
                    notice = outcome == "transfer"
                        ? $"案件{number}属于下级主管部门管辖，已转送{target.Name}办理（第十七条第（二）项）。"
                        : $"案件{number}已报请{target.Name}决定管辖（第十七条第（二）项）。";
                    ctx.Detail = $"{(outcome == "transfer" ? "转送" : "报请")}{target.Name}。{reasonText}";
                    break;
                case "hand-over":
                    notice = $"案件{number}依法应当由监察机关或者司法机关处理，已移交有关机关（第十七条第（三）项）。";
                    ctx.Detail = $"移交有关机关。{reasonText}";
                    break;
                default:
                    notice = $"案件{number}不予受理：{why?.Name ?? "营商环境主管部门无权处理"}（第十七条第（四）项）。";
                    ctx.Detail = $"不予受理（{why?.Name ?? "无权处理"}）。{reasonText}";
                    break;
            }
            TellComplainant(ctx, "问题线索审查结果", $"{notice}审查意见：{reasonText}");
        });
        var steps = engine.Steps(updated);
        DateOnly? Open(string code) => outcome == "accept" ? steps.LastOrDefault(s => s.Code == code && s.Status == DueStates.Open)?.DueOn : null;
        return new ReviewResult(updated.State, Open(AnswerStep), Open(CloseStep), rules.AuthorityOfUnit(updated.Unit)!.Region);
    }

    private Authority? DefaultLower(Authority owner, SupervisionRow row)
    {
        // The respondent's division (positions 3-8 of its USCC) decides, when it lies below the case's authority.
        var code = engine.Cases.Get(row.CaseId) is { } f ? CaseContext.ReadData<SupervisionData>(f).RespondentCode : null;
        if (code is null) return null;
        for (var a = rules.Authority(code.Substring(2, 6)); a is not null; a = rules.Above(a))
            if (a.Parent == owner.Region) return a;
        return null;
    }

    /// <summary>
    /// The respondent's own account: the department account registered with its USCC; when none is registered yet, the
    /// reserved code <c>GOV-</c> + its USCC (or the case number), which the operator registers for it
    /// (<c>xinyong department add --code GOV-… --uscc …</c>) so that it signs in and answers.
    /// </summary>
    private string EnsureRespondentAccount(CaseContext ctx, SupervisionRow row)
    {
        var data = ctx.Read<SupervisionData>();
        var account = (data.RespondentCode is { } code ? store.AccountOfUscc(ctx.Connection, ctx.Transaction, code) : null)
                      ?? row.RespondentAccount ?? "GOV-" + (data.RespondentCode ?? ctx.Case.Number);
        if (account != row.RespondentAccount || ctx.Party("respondent")?.Account != account)
        {
            store.SetRespondentPartyAccount(ctx.Connection, ctx.Transaction, ctx.Case.Id, account);
            store.Set(ctx.Connection, ctx.Transaction, ctx.Case.Id, "respondent_account", account);
            ctx.Parties = engine.Cases.Parties(ctx.Connection, ctx.Transaction, ctx.Case.Id);
        }
        return account;
    }

    private static void TellComplainant(CaseContext ctx, string title, string body)
    {
        if (ctx.Party("complainant") is { } p)
            ctx.Notify(new Mailbox(ComplainantMailbox, ctx.Case.Id.ToString(CultureInfo.InvariantCulture)), title, body, p.Contact);
    }

    // ------------------------------------------------------------------ answer and investigation (SM Art. 18, 19)

    /// <summary>The respondent's written answer with its evidence, through its own account (SM Art. 18).</summary>
    public CaseFile Answer(long caseId, string? text, string? evidence, CaseActor who, int? version = null)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Refusal.Invalid("supervision.answer", "须提交书面答复的内容");
        return engine.Act(caseId, "answer", who, null, ctx =>
        {
            var data = ctx.Read<SupervisionData>();
            if (data.Answer is not null) throw Refusal.Conflict("supervision.answered", $"案件{ctx.Case.Number}已提交书面答复");
            ctx.Write(data with { Answer = new WrittenAnswer(text.Trim(), evidence?.Trim(), ctx.Today, who.Actor.Code) });
            ctx.Notify(new Mailbox(Recipients.Unit, ctx.Case.Unit), $"营商环境监督案件{ctx.Case.Number}：被监督单位已书面答复", text.Trim());
            ctx.Detail = $"书面答复：{text.Trim()}{(string.IsNullOrWhiteSpace(evidence) ? "" : "；证据材料：" + evidence.Trim())}";
        }, version);
    }

    /// <summary>Records an investigation step (SM Art. 19).</summary>
    public CaseFile Investigate(long caseId, string? method, string? note, CaseActor who, int? version = null)
    {
        var m = SupervisionRules.Find(rules.InvestigationMethods, method?.Trim())
                ?? throw Refusal.Invalid("supervision.method", $"调查方式须为{Names(rules.InvestigationMethods)}之一");
        if (string.IsNullOrWhiteSpace(note)) throw Refusal.Invalid("supervision.note", "须写明调查情况");
        return engine.Act(caseId, "investigate", who, null, ctx =>
        {
            var data = ctx.Read<SupervisionData>();
            ctx.Write(data with { Investigations = [.. data.Investigations, new Investigation(m.Code, note.Trim(), ctx.Today, who.Actor.Code)] });
            ctx.Detail = $"{m.Name}：{note.Trim()}";
        }, version);
    }

    /// <summary>Assigns a handler: staff of the case's authority, never the respondent or staff of the respondent's own unit (SM Art. 18).</summary>
    public CaseFile Assign(long caseId, string? handler, CaseActor who, int? version = null)
    {
        var h = accounts.Get(handler?.Trim() ?? "") ?? throw Refusal.Invalid("supervision.handler", "没有该工作人员账户");
        return engine.Act(caseId, "investigate", who, null, ctx =>
        {
            if (SupervisionCaseRules.IsRespondentSide(h, ctx.Parties))
                throw Refusal.RuleNotMet("supervision.handler-conflict", "不得将案件交被监督单位或者其工作人员调查、办理（《黑龙江省营商环境监督办法》第十八条）");
            if (access.AuthorityOf(h)?.Unit != ctx.Case.Unit)
                throw Refusal.RuleNotMet("supervision.handler-authority", $"{h.Name}不是本案营商环境主管部门的工作人员");
            ctx.Write(ctx.Read<SupervisionData>() with { Handler = h.Code });
            ctx.Detail = $"指定承办人：{h.Name}";
        }, version);
    }

    // ------------------------------------------------------------------ the clock (SM Art. 20, 21)

    /// <summary>Extends the closing period by <paramref name="workingDays"/>, approved by the authority's head (at most 10 in total, SM Art. 20).</summary>
    public DateOnly Extend(long caseId, int workingDays, string? approvedBy, string? reason, CaseActor who) =>
        engine.Extend(caseId, CloseStep, workingDays, approvedBy, reason, who).DueOn;

    /// <summary>Stops the clock for a typed reason (SM Art. 20 (2)) or suspends the case (SM Art. 21, until resumed).</summary>
    public StoredPause Pause(long caseId, string? reason, DateOnly? from, DateOnly? to, string? note, CaseActor who)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("supervision.pause-reason", "须选择不计入办理期限的事由或者中止事由");
        var file = engine.Cases.Get(caseId) ?? throw Refusal.NotFound("case.not-found", $"没有编号为{caseId}的案件");
        if (file.Kind != Kind || file.State != SupervisionState.Accepted)
            throw Refusal.Conflict("supervision.not-accepted", "只有已受理、尚未结案的案件可以暂停计时或者中止");
        var suspension = reason.StartsWith("suspension", StringComparison.Ordinal);
        if (suspension && to is not null) throw Refusal.Invalid("supervision.suspension-end", "案件中止至中止原因消除、恢复办理为止，不预设结束日期");
        return engine.Pause(caseId, reason.Trim(), from ?? clock.Today(), to, note, who);
    }

    /// <summary>Resumes the clock (the end of a running pause or suspension).</summary>
    public StoredPause Resume(long caseId, DateOnly? lastPausedDay, CaseActor who) =>
        engine.Cases.Get(caseId) is { Kind: Kind } ? engine.Resume(caseId, lastPausedDay, who)
        : throw Refusal.NotFound("supervision.not-found", $"没有编号为{caseId}的营商环境监督案件");   // a case of another kind is not found here

    // ------------------------------------------------------------------ closing (SM Art. 22, 23, 24, 29)

    /// <summary>
    /// Closes an accepted case with one of the five types of SM Art. 22, decided directly or by legal-expert deliberation.
    /// A serious violation writes the respondent's integrity record (SM Art. 29; credit regulation Art. 9), and unpaid
    /// SME arrears found write an arrears record. The complainant may ask the level above for a review within 10
    /// working days (not for a provincial case, nor for a review case).
    /// </summary>
    public ClosingResult Close(long caseId, string? type, string? method, string? result, bool serious, DateOnly? correctBy, CaseActor who, int? version = null)
    {
        var t = SupervisionRules.Find(rules.ClosingTypes, type?.Trim())
                ?? throw Refusal.Invalid("supervision.closing-type", $"结案类型须为{Names(rules.ClosingTypes)}之一");
        var m = SupervisionRules.Find(rules.ClosingMethods, string.IsNullOrWhiteSpace(method) ? "direct" : method.Trim())
                ?? throw Refusal.Invalid("supervision.closing-method", $"结案方式须为{Names(rules.ClosingMethods)}之一");
        if (string.IsNullOrWhiteSpace(result)) throw Refusal.Invalid("supervision.result", "须写明案件办理结果");
        if (serious && t.Code != "violation")
            throw Refusal.Invalid("supervision.serious", "只有认定损害营商环境（violation）的案件可以认定为严重损害营商环境");
        if (correctBy is not null && t.Code != "violation")
            throw Refusal.Invalid("supervision.correct-by", "只有责令改正的案件有限期改正日期");
        var today = clock.Today();
        if (correctBy is { } cb && cb < today) throw Refusal.Invalid("supervision.correct-by", "限期改正日期不能早于今天");
        long? integrity = null, arrearsRecord = null;
        DateOnly? reviewDue = null;
        var updated = engine.Act(caseId, "close", who, null, ctx =>
        {
            var data = ctx.Read<SupervisionData>();
            var owner = rules.AuthorityOfUnit(ctx.Case.Unit)!;
            var row = store.Get(ctx.Connection, ctx.Transaction, caseId)!;
            reviewDue = owner.Provincial || data.ReviewOf is not null ? null : calculator.Compute(ReviewRequestRule, ctx.Today).Due;
            var categories = string.Join("、", data.Categories.Select(c => rules.Category(c)?.Name ?? c));
            // The body's USCC: given with the clue, or completed later (CompleteRespondent); a body known only by its
            // name gets its integrity record all the same, on its name-keyed subject.
            var uscc = data.RespondentCode ?? (row.RespondentSubjectId is { } rs ? store.UsccOf(ctx.Connection, ctx.Transaction, rs) : null);
            if (t.Code == "violation" && serious)
            {
                if (uscc is null && row.RespondentSubjectId is null)
                    throw Refusal.RuleNotMet("supervision.respondent-code", "记入政务失信记录须有被监督单位的统一社会信用代码，请先补充（respondent.code）");
                integrity = Written(store.WriteRecord(ctx.Connection, ctx.Transaction, rules.IntegrityItem, new Dictionary<string, string?>
                {
                    ["subjectName"] = data.RespondentName, ["uscc"] = uscc, ["decisionNo"] = ctx.Case.Number,
                    ["categories"] = categories, ["facts"] = data.Facts, ["result"] = result.Trim(),
                    ["correctBy"] = correctBy is { } d ? WorkingCalendar.Iso(d) : null, ["decisionDate"] = WorkingCalendar.Iso(ctx.Today), ["authority"] = owner.Name,
                }, owner.Name, who.Actor.Code, $"营商环境监督案件{ctx.Case.Number}认定严重损害营商环境，记入政务失信记录（《黑龙江省营商环境监督办法》第二十九条）", ctx.At,
                    knownSubjectId: uscc is null ? row.RespondentSubjectId : null));
                store.Set(ctx.Connection, ctx.Transaction, caseId, "integrity_record_id", integrity);
            }
            if (t.Code == "violation" && data.Arrears is { AmountWan: > 0 } arrears && uscc is not null)
            {
                arrearsRecord = Written(store.WriteRecord(ctx.Connection, ctx.Transaction, rules.ArrearsItem, new Dictionary<string, string?>
                {
                    ["subjectName"] = data.RespondentName, ["uscc"] = uscc, ["decisionNo"] = ctx.Case.Number,
                    ["creditor"] = arrears.Creditor ?? row.ComplainantName ?? "中小企业",
                    ["amountWan"] = arrears.AmountWan.Value.ToString(CultureInfo.InvariantCulture),
                    ["decisionDate"] = WorkingCalendar.Iso(ctx.Today), ["authority"] = owner.Name,
                }, owner.Name, who.Actor.Code, $"营商环境监督案件{ctx.Case.Number}查实拖欠中小企业账款", ctx.At));
            }
            store.Set(ctx.Connection, ctx.Transaction, caseId, "closed_on", ctx.Today);
            store.Set(ctx.Connection, ctx.Transaction, caseId, "closing_type", t.Code);
            store.Set(ctx.Connection, ctx.Transaction, caseId, "serious", serious);
            store.Set(ctx.Connection, ctx.Transaction, caseId, "correct_by", correctBy);
            store.Set(ctx.Connection, ctx.Transaction, caseId, "review_request_due", reviewDue);
            if (data.ReviewOf is { } reviewed)
            {
                // SM Art. 24 (2): after the review decision the same facts and reasons are not accepted again.
                store.Set(ctx.Connection, ctx.Transaction, caseId, "review_decided", true);
                store.Set(ctx.Connection, ctx.Transaction, reviewed, "review_decided", true);
            }
            ctx.Write(data with { Closing = new ClosingDecision(t.Code, m.Code, result.Trim(), serious, correctBy, ctx.Today, reviewDue) });
            var text = $"案件{ctx.Case.Number}已结案：{t.Name}（{m.Name}）。办理结果：{result.Trim()}" +
                       (correctBy is { } c2 ? $"；限期{c2:yyyy-MM-dd}前改正" : "") +
                       (serious ? "；认定为严重损害营商环境，记入政务失信记录" : "") +
                       (reviewDue is { } rd ? $"。投诉人不服的，可以自收到书面通知之日起十个工作日内（{rd:yyyy-MM-dd}前）向上一级营商环境主管部门申请复查（第二十四条）。" : "。");
            TellComplainant(ctx, "案件办理结果", text);
            if (ctx.Party("respondent")?.Account is { } acc) ctx.Notify(new Mailbox(Recipients.Unit, acc), $"营商环境监督案件{ctx.Case.Number}办理结果", text);
            ctx.Detail = text;
        }, version);
        return new ClosingResult(updated.State, reviewDue, integrity, arrearsRecord);
    }

    /// <summary>The record a closing wrote, or the refusal naming why the values do not make a valid record of its item.</summary>
    private static long Written(RecordWriteOutcome o) =>
        o.RecordId ?? throw Refusal.RuleNotMet("supervision.record-invalid", $"无法记入{o.Item.Name}：{string.Join("；", o.Errors.Select(e => e.Message))}");

    /// <summary>
    /// Completes a respondent named without its USCC (SM Art. 16; 《黑龙江省社会信用条例》第十九条): the body keyed by its
    /// name takes the USCC, or is merged into the subject that already holds it; its records (an integrity record
    /// written meanwhile) and cases follow, and the respondent's account is looked up by the USCC.
    /// </summary>
    public CaseFile CompleteRespondent(long caseId, string? code, CaseActor who)
    {
        if (string.IsNullOrWhiteSpace(code)) throw Refusal.Invalid("supervision.respondent", "须填写被监督单位的统一社会信用代码");
        var (_, parsed, identity) = Respondent(new ClueRespondent(code, "x"), clock.Today());
        return engine.Act(caseId, "complete-respondent", who, null, ctx =>
        {
            var row = store.Get(ctx.Connection, ctx.Transaction, caseId)!;
            var data = ctx.Read<SupervisionData>();
            if (data.RespondentCode is not null || row.RespondentSubjectId is { } known && store.UsccOf(ctx.Connection, ctx.Transaction, known) is not null)
                throw Refusal.Conflict("supervision.respondent-known", $"案件{ctx.Case.Number}的被监督单位已有统一社会信用代码");
            var subjectId = row.RespondentSubjectId is { } named
                ? store.CompleteBody(ctx.Connection, ctx.Transaction, named, identity!, who.Actor.Code, ctx.At)
                  ?? throw Refusal.Conflict("supervision.respondent-known", "被监督单位已有统一社会信用代码")
                : store.ResolveBody(ctx.Connection, ctx.Transaction, identity!, data.RespondentName, parsed!.Substring(2, 6));
            // Every supervision case naming the same body now carries its code.
            foreach (var other in store.CasesOfRespondent(ctx.Connection, ctx.Transaction, subjectId))
                if (other != caseId && engine.Cases.Get(ctx.Connection, ctx.Transaction, other) is { } f && CaseContext.ReadData<SupervisionData>(f) is { RespondentCode: null } od)
                    store.SetCaseData(ctx.Connection, ctx.Transaction, other, CaseContext.WriteData(od with { RespondentCode = parsed }));
            ctx.Write(data with { RespondentCode = parsed });
            store.SetRespondentPartySubject(ctx.Connection, ctx.Transaction, caseId, subjectId);
            store.SetRespondent(ctx.Connection, ctx.Transaction, caseId, subjectId);
            SetSubject(ctx, subjectId);
            if (store.AccountOfUscc(ctx.Connection, ctx.Transaction, parsed!) is { } account && row.AcceptedOn is not null)
            {
                store.SetRespondentPartyAccount(ctx.Connection, ctx.Transaction, caseId, account);
                store.Set(ctx.Connection, ctx.Transaction, caseId, "respondent_account", account);
            }
            ctx.Detail = $"补充被监督单位统一社会信用代码：{data.RespondentName}，{parsed}";
        });
    }

    /// <summary>Records that the respondent corrected as ordered (SM Art. 22 (1)).</summary>
    public CaseFile ConfirmCorrection(long caseId, string? note, CaseActor who) => engine.Act(caseId, "correction-confirmed", who, null, ctx =>
    {
        var row = store.Get(ctx.Connection, ctx.Transaction, caseId)!;
        if (row.CorrectBy is null || row.CorrectedOn is not null) throw Refusal.Conflict("supervision.no-correction", "该案件没有待确认的限期改正");
        store.Set(ctx.Connection, ctx.Transaction, caseId, "corrected_on", ctx.Today);
        ctx.Detail = $"确认已改正{(string.IsNullOrWhiteSpace(note) ? "" : "：" + note.Trim())}";
    });

    /// <summary>A missed correction date is escalated (SM Art. 23): a handling opinion, or a request to the government of the level.</summary>
    public CaseFile Escalate(long caseId, string? opinion, CaseActor who) => engine.Act(caseId, "escalate", who, null, ctx =>
    {
        if (string.IsNullOrWhiteSpace(opinion)) throw Refusal.Invalid("supervision.opinion", "须写明处理意见或者提请本级人民政府作出处理决定的事项");
        var row = store.Get(ctx.Connection, ctx.Transaction, caseId)!;
        if (row.CorrectBy is not { } by || row.CorrectedOn is not null || by >= ctx.Today)
            throw Refusal.RuleNotMet("supervision.not-overdue", "只有逾期未改正的案件可以依照第二十三条处理");
        store.Set(ctx.Connection, ctx.Transaction, caseId, "escalated_on", ctx.Today);
        ctx.Detail = $"逾期未改正（限期{by:yyyy-MM-dd}）：{opinion.Trim()}";
    });

    // ------------------------------------------------------------------ review by the level above (SM Art. 24, 25)

    /// <summary>
    /// A review request (申请复查, SM Art. 24) by the complainant with its query code, or entered for it by staff of the
    /// level above: within 10 working days of the written result, never for a case of the provincial authority; it opens
    /// a review case at the level above that runs on the same deadlines.
    /// </summary>
    public FiledClue RequestReview(long caseId, string? reason, string? queryCode, CaseActor? who)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("supervision.reason", "须写明申请复查的理由");
        var file = engine.Cases.Get(caseId);
        var row = file is null || file.Kind != Kind ? null : store.Get(caseId);
        if (file is null || row is null) throw Refusal.NotFound("case.not-found", $"没有编号为{caseId}的营商环境监督案件");
        var owner = rules.AuthorityOfUnit(file.Unit)!;
        var upper = rules.Above(owner);
        var staff = access.AuthorityOf(who?.Account);
        var byComplainant = queryCode is not null && row.QueryCodeHash is { } h && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), Encoding.ASCII.GetBytes(Hash(queryCode.Trim())));
        if (!byComplainant && (staff is null || upper is null || staff.Region != upper.Region))
            throw Refusal.Forbidden("supervision.review-request-who", "复查申请须由投诉人凭查询码提出，或者由上一级营商环境主管部门工作人员代为登记");
        if (file.State != SupervisionState.Closed || row.ClosedOn is null)
            throw Refusal.RuleNotMet("supervision.review-not-closed", $"案件{file.Number}尚未结案，不能申请复查");
        if (owner.Provincial || upper is null)
            throw Refusal.RuleNotMet("supervision.review-provincial", "省营商环境主管部门办理的案件不适用复查（《黑龙江省营商环境监督办法》第二十四条第一款）");
        if (row.ReviewOf is not null)
            throw Refusal.RuleNotMet("supervision.review-of-review", "对复查决定不服的，不能再次申请复查（《黑龙江省营商环境监督办法》第二十四条）");
        var today = clock.Today();
        if (row.ReviewRequestDue is { } due && today > due)
            throw Refusal.RuleNotMet("supervision.review-too-late",
                $"申请复查的期限已于{due:yyyy-MM-dd}届满（自收到书面通知之日起十个工作日内，《黑龙江省营商环境监督办法》第二十四条）",
                new Dictionary<string, object?> { ["reviewRequestDue"] = WorkingCalendar.Iso(due) });
        using (var c = db.Open())
            if (store.ReviewsOf(c, null, caseId).Count > 0) throw Refusal.Conflict("supervision.review-exists", $"案件{file.Number}已申请复查");

        var data = CaseContext.ReadData<SupervisionData>(file);
        var parties = engine.Cases.Parties(caseId);
        var complainant = parties.FirstOrDefault(p => p.Role == "complainant");
        var respondent = parties.First(p => p.Role == "respondent");
        var actor = who ?? new CaseActor(new Actor("complainant", $"投诉人{complainant?.Name}"), null);
        var review = engine.Open(Kind, new CaseOpening(upper.Unit, file.SubjectId, CaseContext.WriteData(new SupervisionData
        {
            Channel = "review", Categories = data.Categories, Facts = data.Facts, RespondentName = data.RespondentName, RespondentCode = data.RespondentCode,
            Arrears = data.Arrears, ReviewOf = caseId, ReviewOfNumber = file.Number, ReviewRequestReason = reason.Trim(),
        }), [
            new NewParty("respondent", respondent.Name, respondent.Account, respondent.SubjectId),
            .. complainant is null ? Array.Empty<NewParty>() : [new NewParty("complainant", complainant.Name, Contact: complainant.Contact)],
        ]), actor, ctx =>
        {
            store.Insert(ctx.Connection, ctx.Transaction, new SupervisionRow
            {
                CaseId = ctx.Case.Id, Channel = "review", RespondentName = row.RespondentName, RespondentSubjectId = row.RespondentSubjectId,
                RespondentAccount = row.RespondentAccount, ComplainantName = row.ComplainantName, Fingerprint = row.Fingerprint,
                QueryCodeHash = row.QueryCodeHash, ReviewOf = caseId, ReceivedOn = ctx.Today,
            }, data.Categories);
            ctx.Notify(new Mailbox(ComplainantMailbox, caseId.ToString(CultureInfo.InvariantCulture)), "复查申请已登记",
                $"您对案件{file.Number}办理结果的复查申请已由{upper.Name}登记，复查案件编号{ctx.Case.Number}，复查期限依照《黑龙江省营商环境监督办法》第二十条执行。", complainant?.Contact);
        }, $"申请复查案件{file.Number}（《黑龙江省营商环境监督办法》第二十四条）：{reason.Trim()}");
        var reviewDue = engine.Steps(review).Last(s => s.Code == ReviewStep).DueOn;
        return new FiledClue(review.Id, review.Number, review.State, reviewDue, null);
    }

    /// <summary>
    /// The level above acts on a lower authority's case (SM Art. 25): orders a refused case accepted (<c>order-accept</c>),
    /// takes the case over (<c>take-over</c>, SM Art. 17 (1)), or orders it handled again (<c>order-redo</c>).
    /// </summary>
    public CaseFile Superior(long caseId, string? action, string? reason, CaseActor who, int? version = null)
    {
        if (action is null || !SupervisionCaseRules.SuperiorActions.Contains(action))
            throw Refusal.Invalid("supervision.superior-action", "须为order-accept（责令受理）、take-over（直接办理）或order-redo（责令重新办理）");
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("supervision.reason", "须写明理由");
        var upper = access.AuthorityOf(who.Account);
        return engine.Act(caseId, action, who, null, ctx =>
        {
            var row = store.Get(ctx.Connection, ctx.Transaction, caseId)!;
            if (action == "take-over") ctx.Unit = upper!.Unit;
            if (action != "order-redo") EnsureRespondentAccount(ctx, row);
            store.Set(ctx.Connection, ctx.Transaction, caseId, "accepted_on", ctx.Today);
            if (action == "order-redo")
            {
                store.Set(ctx.Connection, ctx.Transaction, caseId, "closed_on", null);
                store.Set(ctx.Connection, ctx.Transaction, caseId, "closing_type", null);
                store.Set(ctx.Connection, ctx.Transaction, caseId, "review_request_due", null);
                store.Reopen(ctx.Connection, ctx.Transaction, caseId);
            }
            var name = ctx.Kind.Action(action)!.Name;
            ctx.Detail = $"{upper!.Name}{name}：{reason.Trim()}";
            TellComplainant(ctx, $"上级营商环境主管部门{name}", $"案件{ctx.Case.Number}：{upper.Name}{name}（《黑龙江省营商环境监督办法》第二十五条）。{reason.Trim()}");
        }, version);
    }

    // ------------------------------------------------------------------ publication (SM Art. 28)

    /// <summary>Publishes a closed case as a typical case (SM Art. 28): the authority's summary; the complainant's name is masked wherever it appears.</summary>
    public CaseFile Publish(long caseId, string? summary, CaseActor who) => engine.Act(caseId, "publish", who, null, ctx =>
    {
        if (string.IsNullOrWhiteSpace(summary)) throw Refusal.Invalid("supervision.summary", "须写明典型案例的案情摘要");
        var text = summary.Trim();
        if (ctx.Party("complainant") is { } p && p.Name.Length > 0)
            text = text.Replace(p.Name, Masking.MaskName(p.Name), StringComparison.Ordinal);
        text = PersonalText.Mask(text);
        store.Set(ctx.Connection, ctx.Transaction, caseId, "published", true);
        store.Set(ctx.Connection, ctx.Transaction, caseId, "published_summary", text);
        ctx.Detail = $"公开曝光典型案例：{text}";
    });

    // ------------------------------------------------------------------ reads

    /// <summary>A case by its number and the complainant's query code (the query page), or null when they do not match.</summary>
    public CaseFile? Follow(string? number, string? queryCode)
    {
        if (string.IsNullOrWhiteSpace(number) || string.IsNullOrWhiteSpace(queryCode)) return null;
        var file = engine.Cases.ByNumber(number.Trim().ToUpperInvariant());
        if (file is null || file.Kind != Kind) return null;
        var row = store.Get(file.Id);
        return row?.QueryCodeHash is { } h && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), Encoding.ASCII.GetBytes(Hash(queryCode.Trim().ToUpperInvariant())))
            ? file : null;
    }

    /// <summary>The review cases opened for a case, as files.</summary>
    public IReadOnlyList<CaseFile> ReviewsOf(long caseId)
    {
        using var c = db.Open();
        return store.ReviewsOf(c, null, caseId).Select(id => engine.Cases.Get(id)!).ToList();
    }

    // ------------------------------------------------------------------ helpers

    private static string Names(IEnumerable<SupervisionTerm> terms) => string.Join("、", terms.Select(t => $"{t.Code}（{t.Name}）"));

    /// <summary>The fingerprint of a clue's respondent, categories and facts (whitespace and punctuation ignored).</summary>
    public static string Fingerprint(string respondent, IEnumerable<string> categories, string facts)
    {
        var normal = new string(facts.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        var text = $"{respondent.Trim()}|{string.Join(",", categories.Order(StringComparer.Ordinal))}|{normal}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static string NewQueryCode() => string.Concat(Enumerable.Range(0, 8).Select(_ => CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]));

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}

/// <summary>
/// The registered sources of clues with their own sign-in (SM Art. 12, 13): monitoring stations (营商环境监测站（点）)
/// and special supervisors (特邀监督员), accounts of kind <see cref="AccountKind"/> whose role is <c>station</c> or
/// <c>supervisor</c> and whose region is the authority that registered them.
/// </summary>
public static class SupervisionSources
{
    /// <summary>The account kind of a registered source.</summary>
    public const string AccountKind = "supervision-source";

    /// <summary>The source roles (= their channel codes) with their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Roles = new Dictionary<string, string>
    {
        ["station"] = "营商环境监测站（点）",
        ["supervisor"] = "特邀监督员",
    };

    /// <summary>Whether the account is a registered source.</summary>
    public static bool IsSource(Account a) => a.Kind == AccountKind && a.Role is { } r && Roles.ContainsKey(r);
}
