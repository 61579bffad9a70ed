using System.Text.Json;
using Xinyong.Calendar;
using Xinyong.Inspections;

using Xinyong.Storage;
using Xinyong.Storage.Inspections;

namespace Xinyong.Application.Inspections;

/// <summary>An item's result in an inspection.</summary>
public sealed record ItemResult(string Code, string Result);

/// <summary>A published inspection result (一公开).</summary>
public sealed record InspectionResult(string PlanCode, string Target, string Department, DateOnly InspectedOn, string Outcome, string Summary,
    IReadOnlyList<ItemResult> Items, string? PenaltyDecision, DateTimeOffset EnteredAt)
{
    /// <summary>On entry: the credit records the result was written as, and the subject's grade after (absent when read back).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ResultRecords? CreditRecords { get; init; }
}

/// <summary>An inspection whose result is not in: the plan, target, departments, and the day its result is due.</summary>
public sealed record PendingResult(string PlanCode, string Target, IReadOnlyList<string> Departments, DateOnly Due, bool Overdue);

/// <summary>
/// 一公开 (《优化营商环境条例》第五十四条): a department of a drawn inspection enters its result — items inspected, outcome,
/// any penalty decision — and it is published at once with the plan. A result is due within the rules'
/// <c>publishWithinWorkingDays</c> working days from the draw; inspections without one are on the departments' worklist.
/// A published result is written into the subject's credit records at once (<see cref="InspectionRecords"/>).
/// </summary>
public sealed class InspectionResults(Database db, InspectionResultStore store, InspectionDraws draws, InspectionRules rules, WorkingCalendar calendar, Xinyong.Storage.Audit.AuditChain audit, TimeProvider clock,
    InspectionRecords records)
{
    /// <summary>The outcomes a result may state, with their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>
    {
        ["compliant"] = "未发现问题", ["issues-corrected"] = "发现问题已责令整改", ["penalized"] = "发现问题依法处罚", ["not-found"] = "检查对象未找到（通过登记的住所或者经营场所无法联系）",
    };

    /// <summary>Enters and publishes a result.</summary>
    /// <exception cref="InspectionException">Invalid (the message says what); KeyNotFound for an unknown plan or target; UnauthorizedAccess for another department.</exception>
    public InspectionResult Enter(string department, string planCode, string target, DateOnly inspectedOn, string outcome, string summary,
        IReadOnlyList<ItemResult> items, string? penaltyDecision)
    {
        var d = draws.Get(planCode) ?? throw new KeyNotFoundException($"没有编号为{planCode}的抽查计划");
        var inspection = d.Document.Result?.Inspections.FirstOrDefault(i => i.Target == target) ?? throw new KeyNotFoundException($"检查对象{target}不在抽查计划{planCode}的抽取结果中");
        if (!inspection.Departments.Contains(department)) throw new UnauthorizedAccessException("只有参加该次检查的部门可以录入检查结果");
        if (!Outcomes.ContainsKey(outcome)) throw new InspectionException($"outcome须为{string.Join("、", Outcomes.Select(o => $"{o.Key}（{o.Value}）"))}之一");
        if (string.IsNullOrWhiteSpace(summary) || summary.Length > 4000) throw new InspectionException("summary为必填项（检查情况，不超过4000字）");
        if (outcome == "penalized" && string.IsNullOrWhiteSpace(penaltyDecision)) throw new InspectionException("依法处罚的，须填写行政处罚决定书文号（penaltyDecision）");
        if (inspectedOn > clock.Today()) throw new InspectionException("检查日期不能晚于今天");
        if (inspectedOn < ChinaTime.DateOf(d.Document.Seed!.TakenAt)) throw new InspectionException("检查日期不能早于抽取日期");
        if (items.FirstOrDefault(i => !inspection.Items.Contains(i.Code)) is { } extra) throw new InspectionException($"检查事项{extra.Code}不是该次检查抽取的事项");
        if (inspection.Items.FirstOrDefault(code => items.All(i => i.Code != code)) is { } missing) throw new InspectionException($"缺少检查事项{missing}的检查结果");
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (!store.Add(c, tx, new StoredInspectionResult(planCode, target, department, inspectedOn, outcome, summary.Trim(), JsonSerializer.Serialize(items), penaltyDecision?.Trim(), now)))
            throw new InspectionException($"检查对象{target}的检查结果已公示");
        audit.Append(c, tx, department, "inspection.result", $"inspection-plan:{planCode}", $"{target} {outcome}{(penaltyDecision is null ? "" : " " + penaltyDecision.Trim())}");
        tx.Commit();
        var result = new InspectionResult(planCode, target, department, inspectedOn, outcome, summary.Trim(), items, penaltyDecision?.Trim(), now);
        // The result is published; its records follow (a failure here leaves them to InspectionRecords.WriteMissing).
        try { return result with { CreditRecords = records.Write(d.Document, result) }; }
        catch (Exception)
        {
            return result with { CreditRecords = new ResultRecords([], null, "检查结果已公示；写入信用记录未完成，平台将自动补记") };
        }
    }

    /// <summary>Writes the credit records of published results that have none yet (see <see cref="InspectionRecords.WriteMissing"/>).</summary>
    public int WriteMissingRecords() => records.WriteMissing(draws, this);

    /// <summary>The published results of a plan.</summary>
    public IReadOnlyList<InspectionResult> Of(string planCode) =>
        store.Of(planCode)
            .Select(r => new InspectionResult(r.PlanCode, r.Target, r.Department, r.InspectedOn, r.Outcome, r.Summary, JsonSerializer.Deserialize<List<ItemResult>>(r.ItemsJson)!, r.PenaltyDecision, r.EnteredAt))
            .ToList();

    /// <summary>The day a drawn plan's results are due: the draw day plus the rules' working days.</summary>
    public DateOnly DueOf(DateTimeOffset drawnAt) => calendar.AddWorkingDays(ChinaTime.DateOf(drawnAt), rules.PublishWithinWorkingDays).Due;

    /// <summary>A department's worklist: the drawn inspections it takes part in whose result is not in, oldest due first.</summary>
    public IReadOnlyList<PendingResult> Worklist(string department)
    {
        var today = clock.Today();
        var list = new List<PendingResult>();
        foreach (var p in draws.List().Where(p => p.Status == DrawStatus.Drawn))
        {
            var d = draws.Get(p.Code)!;
            var done = Of(p.Code).Select(r => r.Target).ToHashSet();
            var due = DueOf(d.Document.Seed!.TakenAt);
            list.AddRange(d.Document.Result!.Inspections.Where(i => i.Departments.Contains(department) && !done.Contains(i.Target))
                .Select(i => new PendingResult(p.Code, i.Target, i.Departments, due, due < today)));
        }
        return list.OrderBy(x => x.Due).ThenBy(x => x.PlanCode).ThenBy(x => x.Target).ToList();
    }
}
