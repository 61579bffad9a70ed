using System.Data.Common;
using System.Globalization;
using Xinyong.Calendar;
using Xinyong.Cases;
using Xinyong.Storage;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Notifications;

namespace Xinyong.Application.Cases;

/// <summary>What a new case is opened with.</summary>
/// <param name="Unit">The handling unit.</param>
/// <param name="SubjectId">The credit subject concerned, if any.</param>
/// <param name="Data">The kind's own fields as JSON.</param>
/// <param name="Parties">The parties by role.</param>
public sealed record CaseOpening(string Unit, long? SubjectId, string Data, IReadOnlyList<NewParty> Parties);

/// <summary>A party of a new case.</summary>
public sealed record NewParty(string Role, string Name, string? Account = null, long? SubjectId = null, string? Contact = null);

/// <summary>
/// The one case engine. A case has a kind declared as data (<c>data/cases/&lt;kind&gt;.yaml</c>: states, actions,
/// the steps each action opens, completes and cancels, pause reasons, extension limits), parties, working-day
/// deadlines from <c>data/deadlines</c>, pauses, extensions, attachments, history and notifications, and sits on the
/// worklist through its open steps. Every action runs in one transaction: the kind's own work, the state change, the
/// steps, the history (and with it the audit chain) and the notices commit together or not at all; an action prepared
/// on a stale case is refused.
/// </summary>
public sealed class CaseEngine(
    Database db, CaseKindSet kinds, CaseStore cases, DeadlineStore deadlines, CaseLog log, Outbox outbox, TimeProvider clock,
    IEnumerable<CaseKindRules> kindRules)
{
    private readonly Dictionary<string, CaseKindRules> _rules = kindRules.ToDictionary(r => r.Kind);

    /// <summary>The declared kinds.</summary>
    public CaseKindSet Kinds => kinds;

    /// <summary>The store of cases (reads).</summary>
    public CaseStore Cases => cases;

    /// <summary>The domain rules of a kind.</summary>
    public CaseKindRules RulesOf(string kind) => _rules.TryGetValue(kind, out var r) ? r : new DefaultCaseKindRules(kind);

    /// <summary>The deadline rule <paramref name="code"/> in force for a period starting on <paramref name="start"/> at <paramref name="unit"/>.</summary>
    public DeadlineRule DeadlineRule(string code, DateOnly start, string? unit = null) => deadlines.Calculator.Rules.For(start).Rule(code, unit);

    /// <summary>
    /// Checks that every step a kind uses has a deadline rule (call once at start): a kind file naming an unknown rule
    /// fails the start, not the first case.
    /// </summary>
    public void Validate()
    {
        var today = clock.Today();
        foreach (var k in kinds.All.Values)
            foreach (var code in k.StepCodes)
                if (!deadlines.Calculator.Rules.For(today).Rules.ContainsKey(code))
                    throw new CaseKindException($"cases/{k.Kind}.yaml: step '{code}' has no rule in data/deadlines");
    }

    /// <summary>
    /// Opens a case of <paramref name="kind"/> in its initial state, with its parties and the steps declared on opening;
    /// <paramref name="work"/> runs in the same transaction (e.g. to write the kind's own rows).
    /// </summary>
    public CaseFile Open(string kind, CaseOpening opening, CaseActor who, Action<CaseContext>? work = null, string? detail = null)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var file = OpenIn(c, tx, kind, opening, who, work, detail);   // read at the end of the transaction: what commits
        tx.Commit();
        return file;
    }

    /// <summary>The parts of the engine a case context uses.</summary>
    internal sealed record Parts(CaseEngine Engine, CaseLog Log, DeadlineStore Deadlines);

    private Parts? _parts;

    private CaseContext Context(DbConnection c, DbTransaction tx, CaseKindDefinition def, CaseFile file, IReadOnlyList<CaseParty> parties, CaseActor who, DateTimeOffset now, string entryKind, string? detail) =>
        new(c, tx, def, file, parties, who, now, outbox, _parts ??= new Parts(this, log, deadlines), entryKind) { Detail = detail };

    /// <summary>Opens a case inside the caller's transaction (<see cref="Open"/>, <see cref="CaseContext.OpenCase"/>).</summary>
    internal CaseFile OpenIn(DbConnection c, DbTransaction tx, string kind, CaseOpening opening, CaseActor who, Action<CaseContext>? work, string? detail)
    {
        var def = kinds.Find(kind) ?? throw Refusal.NotFound("case.kind-unknown", $"没有“{kind}”这类案件");
        var now = clock.GetUtcNow();
        // The case as inserted and its parties as added, without reading them back: one statement each.
        var file = cases.Insert(c, tx, kind, NumberPrefix(def, now), def.Initial.Code, opening.SubjectId, opening.Unit, opening.Data, now, who.Actor.Code);
        var id = file.Id;
        var parties = opening.Parties.Select(p => new CaseParty
        {
            Id = cases.AddParty(c, tx, id, p.Role, p.Account, p.SubjectId, p.Name, p.Contact), CaseId = id, Role = p.Role, Account = p.Account,
            SubjectId = p.SubjectId, Name = p.Name, Contact = p.Contact,
        }).ToList();
        var ctx = Context(c, tx, def, file, parties, who, now, "opened", detail);
        ctx.NoPausesYet();
        work?.Invoke(ctx);
        var state = def.State(ctx.State ?? def.Initial.Code);
        if (state.Initial)
            foreach (var o in def.OnOpen) OpenStep(c, tx, def, file, ctx, o);
        OpenExtraSteps(c, tx, file, ctx);
        // As inserted unless the kind's work moved the state or changed the data: then one update.
        var closedAt = state.Final ? now : (DateTimeOffset?)null;
        if (state.Code != file.State || state.Final || ctx.Data != file.Data)
            cases.Save(c, tx, id, state.Code, ctx.Data, closedAt);
        if (ctx.SubjectId != file.SubjectId && ctx.SubjectId is { } subject) cases.SetSubject(c, tx, id, subject);
        if (!ctx.EntryWritten) log.Append(c, tx, kind, id, who.Actor, "opened", ctx.Detail ?? $"{def.Name}{file.Number}", now);
        // The case as it commits, without reading it back: only the engine writes a case's own row.
        return file with { State = state.Code, Data = ctx.Data, SubjectId = ctx.SubjectId, ClosedAt = closedAt };
    }

    /// <summary>The number of a case: the kind's prefix, the year and the id, at least six digits (e.g. YS2026000042).</summary>
    public static string NumberOf(CaseKindDefinition def, DateTimeOffset at, long id) =>
        $"{NumberPrefix(def, at)}{id.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>What a case's number starts with: the kind's prefix and the year it is opened in (Beijing time).</summary>
    private static string NumberPrefix(CaseKindDefinition def, DateTimeOffset at) =>
        $"{def.NumberPrefix}{ChinaTime.DateOf(at).Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Takes <paramref name="action"/> on a case: checks the kind allows it in the case's state and the actor may take
    /// it, runs <paramref name="work"/>, completes and cancels the declared steps (every open step when the new state is
    /// final), opens the declared ones from today, moves the state and writes the history, in one transaction.
    /// </summary>
    /// <param name="caseId">The case.</param>
    /// <param name="action">The code of one of the kind's declared actions.</param>
    /// <param name="who">Who takes it (checked against the kind's rules).</param>
    /// <param name="detail">The history entry's text; null for the action's name.</param>
    /// <param name="work">The kind's own effect, run inside the action's transaction; null for none.</param>
    /// <param name="expectedVersion">The version the caller saw (a form's hidden field); null for the current one.</param>
    public CaseFile Act(long caseId, string action, CaseActor who, string? detail = null, Action<CaseContext>? work = null, int? expectedVersion = null)
    {
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var file = cases.Get(c, tx, caseId) ?? throw NotFound(caseId);
        var def = kinds[file.Kind];
        var a = def.Action(action) ?? throw Refusal.Invalid("case.action-unknown", $"{def.Name}没有“{action}”这一步骤");
        var parties = cases.Parties(c, tx, caseId);
        if (!RulesOf(file.Kind).MayAct(who, file, a, parties))
            throw Refusal.Forbidden("case.forbidden", $"无权对{def.Name}{file.Number}办理“{a.Name}”");
        if (!a.From.Contains(file.State))
            throw Refusal.Conflict("case.action-not-allowed", $"{def.Name}{file.Number}当前为“{def.State(file.State).Name}”，不能办理“{a.Name}”");
        if (expectedVersion is { } v && v != file.Version || !cases.Claim(c, tx, caseId, file.Version))
            throw Refusal.Conflict("case.changed", $"{def.Name}{file.Number}已被他人办理，请刷新后重试");

        var ctx = Context(c, tx, def, file, parties, who, now, a.Code, detail);
        // The steps open before the work: a final state cancels these, not the ones the action itself opens (e.g. the
        // holders' acknowledgement of a correction the decision sends).
        var before = deadlines.OfCase(c, tx, file.Kind, caseId).Where(d => d.Status == DueStates.Open).Select(d => d.Id).ToHashSet();
        work?.Invoke(ctx);

        if (ctx.Unit != file.Unit)
        {
            cases.SetUnit(c, tx, caseId, ctx.Unit);
            deadlines.MoveUnit(c, tx, file.Kind, caseId, file.Unit, ctx.Unit);
            file = file with { Unit = ctx.Unit };
        }
        var to = def.State(a.To ?? file.State);
        foreach (var d in deadlines.OfCase(c, tx, file.Kind, caseId).Where(d => d.Status == DueStates.Open))
        {
            if (a.Completes.Contains(d.Code)) deadlines.Complete(c, tx, d, now);
            else if (a.Cancels.Contains(d.Code) || to.Final && before.Contains(d.Id)) deadlines.Cancel(c, tx, d, now);
        }
        foreach (var o in a.Opens) OpenStep(c, tx, def, file, ctx, o);
        OpenExtraSteps(c, tx, file, ctx);
        cases.Save(c, tx, caseId, to.Code, ctx.Data, to.Final ? now : file.ClosedAt);
        if (ctx.SubjectId != file.SubjectId && ctx.SubjectId is { } subject) cases.SetSubject(c, tx, caseId, subject);
        if (!ctx.EntryWritten) log.Append(c, tx, file.Kind, caseId, who.Actor, a.Code, ctx.Detail, now);
        tx.Commit();
        return cases.Get(caseId)!;
    }

    private void OpenStep(DbConnection c, DbTransaction tx, CaseKindDefinition def, CaseFile file, CaseContext ctx, StepOpening o)
    {
        var start = ctx.Today;
        var unit = o.Party is null ? file.Unit
            : ctx.Parties.FirstOrDefault(p => p.Role == o.Party)?.Account
              ?? throw Refusal.Invalid("case.party-missing", $"{def.Name}{file.Number}没有“{o.Party}”一方的账户，无法为其设定办理期限");
        var pauses = ctx.Pauses().Select(p => p.Pause.Range(start)).ToList();
        deadlines.Open(c, tx, file.Kind, file.Id, null, unit, deadlines.Calculator.Compute(o.Step, start, unit, pauses));
    }

    private void OpenExtraSteps(DbConnection c, DbTransaction tx, CaseFile file, CaseContext ctx)
    {
        foreach (var (step, from, dueOn) in ctx.ExtraSteps)
        {
            var due = deadlines.Calculator.Compute(step, from, file.Unit);
            deadlines.Open(c, tx, file.Kind, file.Id, null, file.Unit, dueOn is { } d ? due with { Due = d, Provisional = false } : due);
        }
    }

    /// <summary>
    /// Extends an open step by <paramref name="workingDays"/> approved by <paramref name="approvedBy"/> for
    /// <paramref name="reason"/>, within the kind's limit for all extensions of the step together.
    /// </summary>
    public CaseDeadline Extend(long caseId, string step, int workingDays, string? approvedBy, string? reason, CaseActor who, Action<CaseContext>? work = null)
    {
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var (file, def) = Claimed(c, tx, caseId, who);
        var rule = def.Extension(step) ?? throw Refusal.Invalid("case.extension-not-allowed", $"{def.Name}的该项期限不能延长");
        if (workingDays <= 0) throw Refusal.Invalid("case.extension-days", "延长的工作日数须为正整数");
        if (string.IsNullOrWhiteSpace(approvedBy)) throw Refusal.Invalid("case.extension-approver", $"须写明批准延长的{rule.Approver}");
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("case.extension-reason", "须写明延长的理由");
        var d = deadlines.OfCase(c, tx, file.Kind, caseId).LastOrDefault(x => x.Code == step && x.Status == DueStates.Open)
                ?? throw Refusal.Conflict("case.step-not-open", $"{def.Name}{file.Number}没有正在计算的该项期限");
        var used = cases.Extensions(c, tx, file.Kind, caseId).Where(e => e.Step == step).Sum(e => e.WorkingDays);
        if (used + workingDays > rule.MaxWorkingDays)
            throw Refusal.RuleNotMet("case.extension-limit",
                $"延长期限累计不得超过{rule.MaxWorkingDays}个工作日（已延长{used}个工作日，本次申请{workingDays}个工作日）{Basis(rule.Basis)}",
                new Dictionary<string, object?> { ["maxWorkingDays"] = rule.MaxWorkingDays, ["usedWorkingDays"] = used });
        cases.AddExtension(c, tx, file.Kind, caseId, step, workingDays, approvedBy.Trim(), reason.Trim(), who.Actor.Code, now);
        var extended = deadlines.Extend(c, tx, d, workingDays);
        var ctx = Run(c, tx, def, file, who, now, "extended",
            $"{d.Name}延长{workingDays}个工作日，至{extended.DueOn:yyyy-MM-dd}；批准人：{approvedBy.Trim()}；理由：{reason.Trim()}", work);
        if (!ctx.EntryWritten) log.Append(c, tx, file.Kind, caseId, who.Actor, ctx.EntryKind, ctx.Detail, now);
        tx.Commit();
        return extended;
    }

    /// <summary>
    /// Stops the clock of a case for a declared reason from <paramref name="from"/> (to <paramref name="to"/>, or until
    /// resumed); the pausable open steps move accordingly. The kind's <c>work</c> (its own checks, history detail and
    /// messages) runs after the pause is stored, so it sees the moved steps.
    /// </summary>
    public StoredPause Pause(long caseId, string reason, DateOnly from, DateOnly? to, string? note, CaseActor who, Action<CaseContext>? work = null)
    {
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var (file, def) = Claimed(c, tx, caseId, who);
        var r = def.Pause(reason) ?? throw Refusal.Invalid("case.pause-reason", $"{def.Name}不能以“{reason}”为由暂停计时，可选：{string.Join("、", def.Pauses.Select(p => $"{p.Code}（{p.Name}）"))}");
        if (def.State(file.State).Final) throw Refusal.Conflict("case.closed", $"{def.Name}{file.Number}已办结");
        if (to is { } t && t < from) throw Refusal.Invalid("case.pause-dates", "暂停的最后一日不能早于第一日");
        if (from > ChinaTime.DateOf(now)) throw Refusal.Invalid("case.pause-dates", "暂停的第一日不能晚于今天");
        if (deadlines.Pauses(c, tx, file.Kind, caseId).Any(p => p.ToOn is null))
            throw Refusal.Conflict("case.pause-running", "已有暂停计时尚未结束");
        var id = deadlines.StartPause(c, tx, file.Kind, caseId, new ClockPause(r.Code, from, to), note?.Trim(), who.Actor.Code, now);
        var ctx = Run(c, tx, def, file, who, now, "paused",
            $"{r.Name}：{from:yyyy-MM-dd}起{(to is { } e ? $"至{e:yyyy-MM-dd}" : "，至恢复计时为止")}不计入办理期限{Basis(r.Basis)}{(string.IsNullOrWhiteSpace(note) ? "" : "；" + note.Trim())}", work);
        if (!ctx.EntryWritten) log.Append(c, tx, file.Kind, caseId, who.Actor, ctx.EntryKind, ctx.Detail, now);
        tx.Commit();
        return deadlines.Pauses(file.Kind, caseId).Single(p => p.Id == id);
    }

    /// <summary>Resumes the clock: the running pause's last day is <paramref name="lastPausedDay"/> (default: yesterday, or its first day).</summary>
    public StoredPause Resume(long caseId, DateOnly? lastPausedDay, CaseActor who, Action<CaseContext>? work = null)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var (file, def) = Claimed(c, tx, caseId, who);
        var p = deadlines.Pauses(c, tx, file.Kind, caseId).FirstOrDefault(x => x.ToOn is null)
                ?? throw Refusal.Conflict("case.no-pause", $"{def.Name}{file.Number}没有正在进行的暂停计时");
        var last = lastPausedDay ?? (today.AddDays(-1) < p.FromOn ? p.FromOn : today.AddDays(-1));
        if (last < p.FromOn || last > today) throw Refusal.Invalid("case.pause-dates", "暂停的最后一日须在暂停开始日与今天之间");
        deadlines.EndPause(c, tx, file.Kind, caseId, p.Id, last, who.Actor.Code, now);
        var ctx = Run(c, tx, def, file, who, now, "resumed", $"恢复计时；{p.FromOn:yyyy-MM-dd}至{last:yyyy-MM-dd}不计入办理期限", work);
        if (!ctx.EntryWritten) log.Append(c, tx, file.Kind, caseId, who.Actor, ctx.EntryKind, ctx.Detail, now);
        tx.Commit();
        return deadlines.Pauses(file.Kind, caseId).Single(x => x.Id == p.Id);
    }

    /// <summary>Runs the kind's work of a pause, resumption or extension with the engine's history detail as the default.</summary>
    private CaseContext Run(DbConnection c, DbTransaction tx, CaseKindDefinition def, CaseFile file, CaseActor who, DateTimeOffset now, string entryKind, string detail, Action<CaseContext>? work)
    {
        var ctx = Context(c, tx, def, file, cases.Parties(c, tx, file.Id), who, now, entryKind, detail);
        work?.Invoke(ctx);
        return ctx;
    }

    private (CaseFile File, CaseKindDefinition Def) Claimed(DbConnection c, DbTransaction tx, long caseId, CaseActor who)
    {
        var file = cases.Get(c, tx, caseId) ?? throw NotFound(caseId);
        var def = kinds[file.Kind];
        if (!RulesOf(file.Kind).MayAct(who, file, null, cases.Parties(c, tx, caseId)))
            throw Refusal.Forbidden("case.forbidden", $"无权办理{def.Name}{file.Number}");
        if (!cases.Claim(c, tx, caseId, file.Version)) throw Refusal.Conflict("case.changed", $"{def.Name}{file.Number}已被他人办理，请刷新后重试");
        return (file, def);
    }

    /// <summary>A case the actor may read, with its parties.</summary>
    public (CaseFile File, IReadOnlyList<CaseParty> Parties) Read(long caseId, CaseActor who)
    {
        var file = cases.Get(caseId) ?? throw NotFound(caseId);
        var parties = cases.Parties(caseId);
        if (!RulesOf(file.Kind).MayRead(who, file, parties)) throw NotFound(caseId);
        return (file, parties);
    }

    /// <summary>The steps (deadlines) of a case, in the order they were opened.</summary>
    public IReadOnlyList<CaseDeadline> Steps(CaseFile file) => deadlines.OfCase(file.Kind, file.Id);

    /// <summary>The history of a case, oldest first.</summary>
    public IReadOnlyList<CaseStep> History(CaseFile file) => log.Of(file.Kind, file.Id);

    /// <summary>The pauses of a case.</summary>
    public IReadOnlyList<StoredPause> Pauses(CaseFile file) => deadlines.Pauses(file.Kind, file.Id);

    /// <summary>The extensions of a case.</summary>
    public IReadOnlyList<CaseExtension> Extensions(CaseFile file) => cases.Extensions(file.Kind, file.Id);

    /// <summary>The Chinese name of a history entry's kind for a case of <paramref name="kind"/>.</summary>
    public string StepName(string kind, string step) => step switch
    {
        "opened" => "立案登记",
        "paused" => "暂停计时",
        "resumed" => "恢复计时",
        "extended" => "延长期限",
        _ => kinds.Find(kind)?.Action(step)?.Name ?? CaseSteps.Name(step),
    };

    private static Refusal NotFound(long id) => Refusal.NotFound("case.not-found", $"没有编号为{id}的案件");

    private static string Basis(string? basis) => string.IsNullOrWhiteSpace(basis) ? "" : $"（{basis}）";
}
