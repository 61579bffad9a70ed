using Xinyong.Reorganisations;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Xinyong.Calendar;
using Xinyong.Collection;
using Xinyong.Measures;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Checks;
using Xinyong.Storage.Subjects;
using Xinyong.Subjects;

namespace Xinyong.Application.Checks;

/// <summary>What applies to a subject in a scenario today.</summary>
/// <param name="Subject">The subject's public reference (USCC, or P… for a natural person).</param>
/// <param name="SubjectId">The subject, or null when the platform holds nothing on it.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Version">The measures version applied.</param>
/// <param name="Measures">The measures that apply.</param>
public sealed record Evaluation(string Subject, long? SubjectId, Scenario Scenario, MeasuresVersion Version, IReadOnlyList<AppliedMeasure> Measures)
{
    /// <summary>The constraint and punishment measures suspended while a reorganisation plan is in force, or null.</summary>
    public MeasureSuspension? Suspension { get; init; }
}

/// <summary>
/// Measures lifted temporarily because a court approved a reorganisation plan or settlement (国办发〔2025〕22号): they
/// are not among the measures that apply, and the check shows them with the reason.
/// </summary>
/// <param name="CaseId">The reorganisation case.</param>
/// <param name="Number">Its number.</param>
/// <param name="Reason">The court, the ruling and the plan's period, in Chinese.</param>
/// <param name="PlanTo">The last day of the plan's period.</param>
/// <param name="Measures">The measures suspended, with what would trigger them.</param>
public sealed record MeasureSuspension(long CaseId, string Number, string Reason, DateOnly PlanTo, IReadOnlyList<AppliedMeasure> Measures);

/// <summary>A logged check: its id, when it was made and what applied.</summary>
public sealed record CheckAnswer(string CheckId, DateTimeOffset CheckedAt, Evaluation Result);

/// <summary>A department's report of what it applied after a check (奖惩结果反馈, 《黑龙江省“十四五”社会信用体系建设规划》三（二）).</summary>
public sealed record Feedback(string CheckId, DateTimeOffset At, string Department, IReadOnlyList<string> Applied, string Outcome, string? Reference);

/// <summary>Counts of checks and feedback.</summary>
/// <param name="Key">The day, department or scenario.</param>
/// <param name="Checks">Checks made.</param>
/// <param name="WithMeasures">Of those, checks that returned at least one measure.</param>
/// <param name="Feedback">Feedback reports received.</param>
public sealed record CheckCount(string Key, long Checks, long WithMeasures, long Feedback);

/// <summary>The counts over a period: in total, per scenario, per department and per day.</summary>
public sealed record CheckStats(CheckCount Total, IReadOnlyList<CheckCount> ByScenario, IReadOnlyList<CheckCount> ByDepartment, IReadOnlyList<CheckCount> ByDay);

/// <summary>
/// The check embedded in departments' workflows (Art. 43-44): a department asks about a subject in a scenario and gets
/// exactly the published measures that apply, each with its basis, period and triggers (<see cref="MeasureEvaluator"/>);
/// it then reports what it applied. The facts are read from the current state with indexed lookups only (the subject by
/// its key, its list entries in force, its records in force), so repair, expiry and upheld objections end measures at
/// once; the measures are the in-memory published rules. Every check is logged (and enters the subject's access log)
/// before it is answered, and counted.
/// </summary>
public sealed class CheckService(Database db, SubjectStore subjects, MeasuresSet measures, CheckLog log, TimeProvider clock)
{
    /// <summary>
    /// The one rule of a record in force for measures, over <c>records r</c>: active, not withheld (repaired or
    /// declined), within its disclosure period (the last day included, as <see cref="Xinyong.Publication.PublicationRule.PeriodEnded"/>), and
    /// not exempted under Art. 30 (2), and not held under an emergency declaration for its unit's confirmation (Art. 30 (3)).
    /// </summary>
    /// <remarks>The variant <see cref="Xinyong.Storage.Publication.InForceSql.ForMeasures"/> (<see cref="Xinyong.Publication.PublicationRule.CountsForMeasures"/>).</remarks>
    public const string RecordInForce = Xinyong.Storage.Publication.InForceSql.ForMeasures;

    private readonly CheckStore _store = new(db);

    /// <summary>
    /// The measures that apply to a subject in a scenario today, without logging (used by <see cref="Check"/>).
    /// Asynchronous all the way to the store, so that waiting for PostgreSQL does not hold a thread.
    /// </summary>
    /// <exception cref="Refusal">The scenario is unknown or the code is not a valid identifier.</exception>
    public async Task<Evaluation> Evaluate(string subjectCode, string scenarioCode)
    {
        var version = measures.Current;
        var errors = new List<FieldError>();
        var scenario = version.ScenarioOf(scenarioCode ?? "");
        if (scenario is null)
            errors.Add(FieldError.Of("scenario", "unknown-scenario", $"核查场景须为{string.Join("、", version.Scenarios.Select(s => $"{s.Code}（{s.Name}）"))}之一"));
        string? key = null;
        if (string.IsNullOrWhiteSpace(subjectCode))
            errors.Add(FieldError.Of("subject", "required", "subject为必填项（统一社会信用代码或公民身份号码）"));
        else
            try { key = subjects.LookupKeyOf(subjectCode); }
            catch (FormatException ex) { errors.Add(new FieldError("subject", "invalid-code", ex.Message)); }
        if (errors.Count > 0 || scenario is null || key is null) throw Refusal.Invalid("check.invalid", "核查请求有误", errors);

        var today = clock.Today();
        if (await _store.Facts(key, today, version.RecordItems) is not { } facts) return new Evaluation(PersonalIdHasher.PublicRef(key), null, scenario, version, []);
        var (id, subjectRef, kind, lists, records, plan) = facts;
        var all = MeasureEvaluator.Evaluate(version, scenario.Code, kind, today, lists, records);
        if (plan is null) return new Evaluation(subjectRef, id, scenario, version, all);
        return Suspend(new Evaluation(subjectRef, id, scenario, version, all), plan, kind, today, lists, records);
    }

    /// <summary>
    /// While a reorganisation plan or settlement approved by a court is in force (国办发〔2025〕22号), the constraint and
    /// punishment measures that only dishonesty decided on or before the ruling calls for are lifted temporarily: the
    /// measures are evaluated again without those facts; a measure still called for by later dishonesty applies, the
    /// others are shown as suspended with the reason. Incentives are untouched.
    /// </summary>
    private static Evaluation Suspend(Evaluation full, Reorganisation plan, string kind, DateOnly today, List<ListFact> lists, List<RecordFact> records)
    {
        var later = MeasureEvaluator.Evaluate(full.Version, full.Scenario.Code, kind, today,
            lists.Where(l => l.List != CreditListNames.Dishonesty || l.StartsOn > plan.RulingDate).ToList(),
            records.Where(x => x.DecidedOn is { } d && d > plan.RulingDate).ToList());
        var applying = new List<AppliedMeasure>();
        var suspended = new List<AppliedMeasure>();
        foreach (var m in full.Measures)
        {
            if (m.Measure.Kind == MeasureKind.Incentive) applying.Add(m);
            else if (later.FirstOrDefault(x => x.Measure.Code == m.Measure.Code) is { } still) applying.Add(still);
            else suspended.Add(m);
        }
        return full with
        {
            Measures = applying,
            Suspension = suspended.Count == 0 ? null : new MeasureSuspension(plan.Id, plan.Number, plan.SuspensionReason, plan.PlanTo, suspended),
        };
    }

    /// <summary>Checks a subject for a department: evaluates, logs (answered only once logged) and counts.</summary>
    /// <exception cref="Refusal">Not a department, an unknown scenario or an invalid code.</exception>
    public async Task<CheckAnswer> Check(Account department, string subjectCode, string scenarioCode)
    {
        if (department.Kind != AccountKinds.Department)
            throw Refusal.Forbidden("check.forbidden", "只有有关部门可以进行联合奖惩核查");
        var result = await Evaluate(subjectCode, scenarioCode);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString("N");
        await log.Append(new CheckEntry(id, now, department.Code, result.SubjectId, result.Subject, result.Scenario.Code,
            $"联合奖惩核查：{result.Scenario.Name}（第四十四条）", result.Version.Version, MeasuresJson(result.Measures), result.Measures.Count > 0));
        Storage.Telemetry.PlatformMetrics.Checks.Add(1, new("scenario", result.Scenario.Code), new("with_measures", result.Measures.Count > 0));
        return new CheckAnswer(id, now, result);
    }

    /// <summary>Records what the department that made a check applied, and the outcome.</summary>
    /// <param name="department">The department (must be the one that checked).</param>
    /// <param name="checkId">The check.</param>
    /// <param name="applied">The codes of the measures it applied: only measures the check returned (Art. 30, 51 (3)).</param>
    /// <param name="outcome">What came of it, in the department's words.</param>
    /// <param name="reference">The department's own case or project number.</param>
    /// <exception cref="Refusal">Unknown check, another department's check, a measure not returned, or feedback given before.</exception>
    public Feedback Feedback(Account department, string checkId, IReadOnlyList<string> applied, string outcome, string? reference)
    {
        using var c = db.Open();
        if (CheckStore.Logged(c, checkId) is not { } k) throw Refusal.NotFound("check.not-found", $"没有编号为{checkId}的核查");
        if (department.Kind != AccountKinds.Department || k.Department != department.Code)
            throw Refusal.Forbidden("check.forbidden", "只有作出核查的部门可以反馈核查结果");
        var returned = Codes(k.Measures);
        var errors = new List<FieldError>();
        for (var i = 0; i < applied.Count; i++)
            if (!returned.Contains(applied[i]))
                errors.Add(FieldError.Of($"applied[{i}]", "not-returned",
                    $"措施“{applied[i]}”不在本次核查返回的措施中：不得实施清单外或者加重的措施（第三十条、第五十一条）"));
        if (applied.Distinct().Count() != applied.Count)
            errors.Add(FieldError.Of("applied", "duplicate", "同一措施重复列出"));
        if (string.IsNullOrWhiteSpace(outcome) || outcome.Length > 2000)
            errors.Add(FieldError.Of("outcome", "required", "outcome为必填项（不超过2000字）：说明实施结果"));
        if (reference is { Length: > 200 })
            errors.Add(FieldError.Of("reference", "too-long", "reference不超过200字"));
        if (errors.Count > 0) throw Refusal.Invalid("check.invalid", "反馈内容有误", errors);

        var now = clock.GetUtcNow();
        using var tx = c.BeginTransaction();
        if (!CheckStore.AddFeedback(c, tx, checkId, now, department.Code, JsonSerializer.Serialize(applied), outcome.Trim(), reference?.Trim())) throw Refusal.Conflict("check.conflict", "该核查已反馈结果");
        CheckCounts.Add(c, tx, [new CheckCounts.Row(ChinaTime.DateOf(now), department.Code, k.Scenario, 0, 0, 1)]);
        tx.Commit();
        return new Feedback(checkId, now, department.Code, applied, outcome.Trim(), reference?.Trim());
    }

    /// <summary>The counts of checks and feedback between two days (China time, inclusive).</summary>
    public CheckStats Stats(DateOnly from, DateOnly to)
    {
        IReadOnlyList<CheckCount> By(CheckCountKey key) =>
            _store.CountsBy(key, from, to).Select(x => new CheckCount(x.Key, x.Checks, x.WithMeasures, x.Feedback)).ToList();
        var byDay = _store.CountsByDay(from, to).Select(d => new CheckCount(WorkingCalendar.Iso(d.Key), d.Checks, d.WithMeasures, d.Feedback)).ToList();
        var total = new CheckCount("total", byDay.Sum(d => d.Checks), byDay.Sum(d => d.WithMeasures), byDay.Sum(d => d.Feedback));
        return new CheckStats(total, By(CheckCountKey.Scenario), By(CheckCountKey.Department), byDay);
    }

    /// <summary>The measures of an answer as logged: code, kind, period and triggers (the texts are in the versioned rules).</summary>
    public static string MeasuresJson(IReadOnlyList<AppliedMeasure> applied)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var m in applied)
            {
                w.WriteStartObject();
                w.WriteString("code", m.Measure.Code);
                w.WriteString("kind", m.Measure.Kind.Code());
                if (m.Until is { } u) w.WriteString("until", WorkingCalendar.Iso(u)); else w.WriteNull("until");
                w.WriteStartArray("triggeredBy");
                foreach (var t in m.TriggeredBy)
                {
                    w.WriteStartObject();
                    w.WriteString("type", t.Type);
                    w.WriteString("id", t.Id);
                    w.WriteString("item", t.Item);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static HashSet<string> Codes(string measuresJson)
    {
        using var doc = JsonDocument.Parse(measuresJson);
        return doc.RootElement.EnumerateArray().Select(m => m.GetProperty("code").GetString()!).ToHashSet();
    }
}
