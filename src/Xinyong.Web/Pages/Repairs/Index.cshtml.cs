using Xinyong.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Repairs;
using Xinyong.Web.Features.Deadlines;
using Xinyong.Web.Features.Repairs;
using Xinyong.Application.Repairs;

namespace Xinyong.Web.Pages.Repairs;

/// <summary>A signed-in subject's repair applications.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class IndexModel(RepairDesk desk, RepairViews views) : PageModel
{
    public IReadOnlyList<RepairSummary> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller?.IsStaff == true) return Redirect("/staff/repairs");
        if (caller?.Subject is not { } s) return Redirect("/signin?returnUrl=/repairs");
        Items = views.Summaries(desk.OfSubject(s.Id));
        return Page();
    }
}
