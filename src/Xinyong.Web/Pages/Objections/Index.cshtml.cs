using Xinyong.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Objections;
using Xinyong.Web.Features.Deadlines;
using Xinyong.Web.Features.Objections;
using Xinyong.Application.Objections;

namespace Xinyong.Web.Pages.Objections;

/// <summary>A signed-in subject's objections.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class IndexModel(ObjectionDesk desk, ObjectionViews views) : PageModel
{
    public IReadOnlyList<ObjectionSummary> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller?.IsStaff == true) return Redirect("/staff/objections");
        if (caller?.Subject is not { } s) return Redirect("/signin?returnUrl=/objections");
        Items = views.Summaries(desk.OfSubject(s.Id));
        return Page();
    }
}
