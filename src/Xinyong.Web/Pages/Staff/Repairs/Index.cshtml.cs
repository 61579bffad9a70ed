using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Repairs;
using Xinyong.Web.Features.Deadlines;
using Xinyong.Web.Features.Repairs;

namespace Xinyong.Web.Pages.Staff.Repairs;

/// <summary>The repair applications of a staff member's unit (all for the credit agency).</summary>
public sealed class IndexModel(RepairDesk desk, RepairViews views, UnitDirectory units) : PageModel
{
    public IReadOnlyList<RepairSummary> Items { get; private set; } = [];
    public string UnitName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is not { IsStaff: true }) return Forbid();
        var unit = UnitDirectory.UnitOf(caller.Staff);
        UnitName = caller.SeesAllUnits ? "全部单位" : units.Name(unit);
        Items = views.Summaries(desk.OfUnit(caller.SeesAllUnits ? null : unit));
        return Page();
    }
}
