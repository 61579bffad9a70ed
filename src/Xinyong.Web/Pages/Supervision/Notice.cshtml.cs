using Xinyong.Application.Cases;
using Xinyong.Application.Supervision;
using Xinyong.Reports;
using Xinyong.Web.Features.Supervision;

namespace Xinyong.Web.Pages.Supervision;

/// <summary>
/// <c>/supervision/cases/{id}/notice?kind=review|result</c>: the printable written notice (书面告知) of a review's outcome
/// (SM Art. 17) or of the closing result (SM Art. 22, with the SM Art. 24 review right), for those who may read the case;
/// <c>?handler=pdf</c> gives the same notice as a PDF.
/// </summary>
[AccessRule(AccessRules.Supervision)]
public sealed class NoticeModel(SupervisionDesk desk, SupervisionViews views, TimeProvider clock) : PageModel
{
    public SupervisionView Case { get; private set; } = null!;
    public string Kind { get; private set; } = "result";
    public WrittenNotice Notice { get; private set; } = null!;

    public IActionResult OnGet(long id, string? kind) => Load(id, kind) ? Page() : NotFound();

    public IActionResult OnGetPdf(long id, string? kind) =>
        Load(id, kind) ? File(WrittenNoticeRenderer.Render(Notice), "application/pdf", SupervisionNotices.FileName(Case, Kind)) : NotFound();

    private bool Load(long id, string? kind)
    {
        try { Case = views.View(desk.Engine.Read(id, CaseActor.Of(HttpContext.AccountOf()!)).File); }
        catch (Refusal r) when (r.Kind == RefusalKind.NotFound) { return false; }
        Kind = SupervisionNotices.KindOf(kind);
        Notice = SupervisionNotices.Build(Case, Kind, Xinyong.Calendar.ChinaTime.Today(clock));
        return true;
    }
}
