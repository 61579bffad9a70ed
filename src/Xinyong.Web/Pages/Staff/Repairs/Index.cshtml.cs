using Xinyong.Deadlines;
using Xinyong.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Repairs;
using Xinyong.Web.Features.Deadlines;
using Xinyong.Web.Features.Repairs;
using Xinyong.Application.Repairs;

namespace Xinyong.Web.Pages.Staff.Repairs;

/// <summary>The repair applications of a staff member's unit (all for the credit agency).</summary>
[AccessRule(AccessRules.Cases)]
public sealed class IndexModel(RepairDesk desk, RepairViews views, UnitDirectory units, CaseReads reads) : PageModel
{
    public IReadOnlyList<RepairSummary> Items { get; private set; } = [];
    public string UnitName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is not { IsStaff: true }) return Forbid();
        var unit = UnitDirectory.UnitOf(caller.Staff);
        string? scope;
        try { scope = CaseReads.Scope(caller.Staff); }
        catch (Refusal) { return Forbid(); }
        UnitName = scope is null ? "全部单位" : units.Name(scope);
        var rows = desk.OfUnit(scope);
        reads.Listed(caller.Staff, rows.Select(r => r.SubjectId), "信用修复申请列表", "portal");
        Items = views.Summaries(rows);
        return Page();
    }
}
