using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Inspections;
using Xinyong.Web.Api;

namespace Xinyong.Web.Pages.Inspections;

/// <summary>
/// <c>/inspections/worklist</c>: a department's drawn inspections whose result is not in yet, each with the day its result
/// is due (the configured working days after the draw, data/inspections) and whether it is overdue (一公开). The same list
/// as <c>GET /api/v1/inspections/worklist</c>; only the signed-in department sees its own.
/// </summary>
[AccessRule(AccessRules.Department)]
public sealed class WorklistModel(InspectionResults results) : PageModel
{
    /// <summary>The inspections waiting for this department's result, the earliest due first.</summary>
    public IReadOnlyList<PendingResult> Pending { get; private set; } = [];

    public void OnGet() => Pending = results.Worklist(HttpContext.AccountOf()!.Code);
}
