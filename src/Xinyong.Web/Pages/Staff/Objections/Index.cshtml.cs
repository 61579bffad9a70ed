using Xinyong.Deadlines;
using Xinyong.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Objections;
using Xinyong.Web.Features.Deadlines;
using Xinyong.Web.Features.Objections;
using Xinyong.Application.Objections;

namespace Xinyong.Web.Pages.Staff.Objections;

/// <summary>The objections of a staff member's unit (all for the credit agency), and the assistance requests addressed to it.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class IndexModel(ObjectionDesk desk, ObjectionViews views, UnitDirectory units, CaseReads reads) : PageModel
{
    public IReadOnlyList<ObjectionSummary> Items { get; private set; } = [];
    public IReadOnlyList<AssistanceRow> Requests { get; private set; } = [];
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
        reads.Listed(caller.Staff, rows.Select(r => r.SubjectId), "异议列表", "portal");
        Items = views.Summaries(rows);
        Requests = desk.AssistanceFor(unit).Where(a => a.AnsweredAt is null).ToList();
        return Page();
    }
}
