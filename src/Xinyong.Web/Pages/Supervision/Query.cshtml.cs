using Xinyong.Application.Supervision;
using Xinyong.Web.Features.Supervision;

namespace Xinyong.Web.Pages.Supervision;

/// <summary>
/// <c>/supervision/query</c>: the complainant follows its case with the case number and the query code (status, due
/// dates, the written results), and asks the level above for a review within 10 working days (SM Art. 24).
/// </summary>
[AccessRule(AccessRules.Public)]
public sealed class QueryModel(SupervisionDesk desk, SupervisionViews views, TimeProvider clock) : PageModel
{
    public SupervisionView? Case { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Kind { get; set; }

    public void OnGet() { }

    public IActionResult OnPost()
    {
        Find();
        return Page();
    }

    public IActionResult OnPostReview()
    {
        if (!Find()) return Page();
        try
        {
            var r = desk.RequestReview(Case!.Id, Reason, Code, null);
            Done = $"复查申请已登记，复查案件编号{r.Number}，审查期限{r.ReviewDue:yyyy-MM-dd}。";
            Find();
        }
        catch (Refusal r) { Error = r.Message; }
        return Page();
    }

    /// <summary>The written notice as a PDF (a POST, so that the query code stays out of addresses).</summary>
    public IActionResult OnPostNotice()
    {
        if (!Find()) return Page();
        var notice = SupervisionNotices.Build(Case!, SupervisionNotices.KindOf(Kind), Xinyong.Calendar.ChinaTime.Today(clock));
        return File(Xinyong.Reports.WrittenNoticeRenderer.Render(notice), "application/pdf", SupervisionNotices.FileName(Case!, Kind ?? "result"));
    }

    private bool Find()
    {
        var file = desk.Follow(Number, Code);
        if (file is null) { Error = "案件编号或查询码不正确。"; Case = null; return false; }
        Case = views.View(file, forComplainant: true);
        return true;
    }
}
