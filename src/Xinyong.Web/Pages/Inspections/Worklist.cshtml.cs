using Xinyong.Storage.Inspections;

namespace Xinyong.Web.Pages.Inspections;

/// <summary>
/// <c>/inspections/worklist</c>: a department's drawn inspections whose result is not in yet, each with the day its result
/// is due (the configured working days after the draw, data/inspections) and whether it is overdue (一公开). The same list
/// as <c>GET /api/v1/inspections/worklist</c>; only the signed-in department sees its own. Above it, the draws due by grade
/// tier from the rules' frequency (<c>GET /api/v1/inspections/schedule</c>).
/// </summary>
[AccessRule(AccessRules.Department)]
public sealed class WorklistModel(InspectionResults results, InspectionPlanSchedule schedule) : PageModel
{
    /// <summary>The department's grade tiers: plans a year, the current period, the last draw and the next one due (Art. 48).</summary>
    public IReadOnlyList<Xinyong.Inspections.TierDue> Tiers { get; private set; } = [];

    /// <summary>The inspections waiting for this department's result, the earliest due first.</summary>
    public IReadOnlyList<PendingResult> Pending { get; private set; } = [];

    public void OnGet()
    {
        Pending = results.Worklist(HttpContext.AccountOf()!.Code);
        Tiers = schedule.Of(HttpContext.AccountOf()!.Code);
    }
}
