using Xinyong.Inspections;
using Xinyong.Storage.Inspections;

namespace Xinyong.Web.Pages.Inspections;

/// <summary>
/// <c>/inspections/{code}/results/{target}</c>: a department of a drawn inspection enters its result on the portal — the
/// result of every item drawn, the outcome, the inspection day, what was found and any penalty decision — reached from
/// its worklist (<c>/inspections/worklist</c>). The same <see cref="InspectionResults.Enter"/> as
/// <c>POST /api/v1/inspections/plans/{code}/results</c>: published at once (一公开) and written into the subject's credit
/// records. Access rule: a signed-in department account (<see cref="AccessRules.Department"/>); a department that does
/// not take part in the inspection is refused with 403.
/// </summary>
[AccessRule(AccessRules.Department)]
public sealed class ResultModel(InspectionDraws draws, InspectionResults results, TimeProvider clock) : PageModel
{
    /// <summary>The plan's published draw.</summary>
    public DrawDocument Document { get; private set; } = null!;

    /// <summary>The inspection drawn for the target.</summary>
    public DrawnInspection Inspection { get; private set; } = null!;

    /// <summary>The result already published, if any.</summary>
    public InspectionResult? Published { get; private set; }

    /// <summary>The result just entered, with its credit records.</summary>
    public InspectionResult? Entered { get; private set; }

    /// <summary>The day results are due.</summary>
    public DateOnly Due { get; private set; }

    [BindProperty] public string? InspectedOn { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? PenaltyDecision { get; set; }
    /// <summary>The item codes of the form, in the order of <see cref="ItemValues"/>.</summary>
    [BindProperty] public List<string> ItemCodes { get; set; } = [];
    [BindProperty] public List<string?> ItemValues { get; set; } = [];

    /// <summary>Why the signed-in department may not enter this result (the page answers 403), or null.</summary>
    public string? Refusal { get; private set; }

    /// <summary>What is wrong with the input, in Chinese.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The target's name on the roster.</summary>
    public string TargetName => Document.Targets.FirstOrDefault(t => t.Code == Inspection.Target)?.Name ?? "";

    /// <summary>An item's name and kind.</summary>
    public string ItemName(string code) => Document.Plan.Departments.SelectMany(d => d.Items).FirstOrDefault(i => i.Code == code) is { } i
        ? $"{i.Name}（{(i.Kind == "key" ? "重点检查事项" : "一般检查事项")}）" : code;

    /// <summary>A department's name.</summary>
    public string DepartmentName(string code) => Document.Plan.Departments.FirstOrDefault(d => d.Code == code)?.Name ?? code;

    /// <summary>The value entered for an item.</summary>
    public string? ValueOf(string code) => ItemCodes.IndexOf(code) is >= 0 and var i && i < ItemValues.Count ? ItemValues[i] : null;

    private IActionResult? Load(string code, string target)
    {
        if (draws.Get(code) is not { } d || d.Document.Result?.Inspections.FirstOrDefault(i => i.Target == target) is not { } inspection) return NotFound();
        Document = d.Document;
        Inspection = inspection;
        if (!inspection.Departments.Contains(HttpContext.AccountOf()!.Code))
        {
            Refusal = "只有参加该次检查的部门可以录入检查结果";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Due = results.DueOf(d.Document.Seed!.TakenAt);
        Published = results.Of(code).FirstOrDefault(r => r.Target == target);
        return null;
    }

    public IActionResult OnGet(string code, string target)
    {
        if (Load(code, target) is { } refused) return refused;
        InspectedOn ??= clock.Today().ToString("yyyy-MM-dd");
        return Page();
    }

    public IActionResult OnPost(string code, string target)
    {
        if (Load(code, target) is { } refused) return refused;
        if (Published is not null) { Errors.Add("该检查对象的检查结果已公示，不能重复录入"); return Page(); }
        if (!DateOnly.TryParseExact(InspectedOn?.Trim(), "yyyy-MM-dd", out var on)) Errors.Add("检查日期：请填写日期，格式为年-月-日（如2026-12-01）");
        if (Outcome is null || !InspectionResults.Outcomes.ContainsKey(Outcome)) Errors.Add("检查结果：请选择一项");
        if (string.IsNullOrWhiteSpace(Summary)) Errors.Add("检查情况：必填");
        else if (Summary.Length > 4000) Errors.Add("检查情况：不超过4000字");
        if (Outcome == "penalized" && string.IsNullOrWhiteSpace(PenaltyDecision)) Errors.Add("行政处罚决定书文号：检查结果为“发现问题依法处罚”的必填");
        if (Outcome != "penalized" && !string.IsNullOrWhiteSpace(PenaltyDecision)) Errors.Add("行政处罚决定书文号：只有检查结果为“发现问题依法处罚”的才填写");
        foreach (var item in Inspection.Items)
            if (string.IsNullOrWhiteSpace(ValueOf(item))) Errors.Add($"检查事项“{ItemName(item)}”：请填写该事项的检查结果");
        if (Errors.Count > 0) return Page();
        try
        {
            Entered = HttpContext.RequestServices.GetRequiredService<InspectionDesk>().Enter(HttpContext.AccountOf()!.Code, code, target, on, Outcome!, Summary!,
                Inspection.Items.Select(i => new ItemResult(i, ValueOf(i)!.Trim())).ToList(), string.IsNullOrWhiteSpace(PenaltyDecision) ? null : PenaltyDecision.Trim());
            Published = Entered;
        }
        catch (Refusal ex) { Errors.Add(ex.Message); }
        return Page();
    }
}
