using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Application.Cases;
using Xinyong.Application.Supervision;
using Xinyong.Web.Api;
using Xinyong.Web.Features.Supervision;

namespace Xinyong.Web.Pages.Supervision;

/// <summary>
/// <c>/supervision/cases/{id}/notice?kind=review|result</c>: the printable written notice (书面告知) of a review's outcome
/// (SM Art. 17) or of the closing result (SM Art. 22, with the SM Art. 24 review right), for those who may read the case.
/// </summary>
[AccessRule(AccessRules.Supervision)]
public sealed class NoticeModel(SupervisionDesk desk, SupervisionViews views, TimeProvider clock) : PageModel
{
    public SupervisionView Case { get; private set; } = null!;
    public string Kind { get; private set; } = "result";
    public DateOnly Today { get; private set; }

    public IActionResult OnGet(long id, string? kind)
    {
        try { Case = views.View(desk.Engine.Read(id, CaseActor.Of(HttpContext.AccountOf()!)).File); }
        catch (Refusal r) when (r.Kind == RefusalKind.NotFound) { return NotFound(); }
        Kind = kind == "review" ? "review" : "result";
        Today = Xinyong.Calendar.ChinaTime.Today(clock);
        return Page();
    }
}
