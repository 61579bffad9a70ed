using Xinyong.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Deadlines;
using Xinyong.Repairs;
using Xinyong.Storage.Repairs;
using Xinyong.Web.Features.Deadlines;
using Xinyong.Web.Features.Repairs;
using Xinyong.Application.Repairs;

namespace Xinyong.Web.Pages.Staff.Repairs;

/// <summary>A repair application at the handling unit: acceptance, then completion or refusal with reasons.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class ShowModel(RepairDesk desk, RepairViews views) : PageModel
{
    public RepairView? Repair { get; private set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public bool MayAct { get; private set; }

    public Task<IActionResult> OnGetAsync(long id) => Show(id);

    public Task<IActionResult> OnPostAcceptAsync(long id, bool accept, string? reasons) =>
        Act(id, accept ? "已受理。" : "已决定不予受理。", staff => desk.Accept(id, staff, accept, reasons));

    public Task<IActionResult> OnPostDecideAsync(long id, bool complete, string? reasons) =>
        Act(id, complete ? "信用修复已完成。" : "已决定不予修复。", staff => desk.Decide(id, staff, complete, reasons));

    private async Task<IActionResult> Act(long id, string done, Func<Xinyong.Storage.Accounts.Account, RepairRow> step)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is not { IsStaff: true }) return Forbid();
        int? refused = null;
        try
        {
            step(caller.Staff);
            Notice = done;
        }
        catch (Refusal ex) { Error = RefusalText.Of(ex); refused = RefusalHandler.StatusOf(ex.Kind); }
        var page = await Show(id);
        if (refused == StatusCodes.Status403Forbidden && Response.StatusCode == StatusCodes.Status200OK) { Response.StatusCode = StatusCodes.Status403Forbidden; }
        return page;
    }

    private async Task<IActionResult> Show(long id)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is not { IsStaff: true }) return Forbid();
        try
        {
            Repair = views.For(caller, id, "portal");
            MayAct = RepairDesk.MayAct(caller.Staff, desk.Get(id)!) && Repair.Status is RepairStatuses.Submitted or RepairStatuses.Accepted;
        }
        catch (Refusal ex)
        {
            Error = ex.Message;
            Response.StatusCode = RefusalHandler.StatusOf(ex.Kind);
        }
        return Page();
    }
}
