using Xinyong.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Deadlines;
using Xinyong.Web.Features.Deadlines;
using Xinyong.Web.Features.Objections;

namespace Xinyong.Web.Pages.Objections;

/// <summary>An objection as its applicant follows it: status, due dates with their basis, decision and history.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class ShowModel(ObjectionViews views) : PageModel
{
    public ObjectionView? Objection { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is null) return Redirect($"/signin?returnUrl=/objections/{id}");
        if (caller.IsStaff) return Redirect($"/staff/objections/{id}");
        try { Objection = views.For(caller, id, "portal"); }
        catch (Refusal ex)
        {
            Error = ex.Message;
            Response.StatusCode = RefusalHandler.StatusOf(ex.Kind);
        }
        return Page();
    }
}
