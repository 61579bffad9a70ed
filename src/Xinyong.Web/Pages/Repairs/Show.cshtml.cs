using Xinyong.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Deadlines;
using Xinyong.Web.Features.Deadlines;
using Xinyong.Web.Features.Repairs;

namespace Xinyong.Web.Pages.Repairs;

/// <summary>A repair application as its applicant follows it.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class ShowModel(RepairViews views) : PageModel
{
    public RepairView? Repair { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is null) return Redirect($"/signin?returnUrl=/repairs/{id}");
        if (caller.IsStaff) return Redirect($"/staff/repairs/{id}");
        try { Repair = views.For(caller, id, "portal"); }
        catch (Refusal ex)
        {
            Error = ex.Message;
            Response.StatusCode = RefusalHandler.StatusOf(ex.Kind);
        }
        return Page();
    }
}
