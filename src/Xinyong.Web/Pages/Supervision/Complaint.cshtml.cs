using Xinyong.Application.Cases;
using Xinyong.Application.Supervision;
using Xinyong.Supervision;

namespace Xinyong.Web.Pages.Supervision;

/// <summary>
/// <c>/supervision/complaint</c> (营商环境投诉, SM Art. 16): the public complaint form — phone-friendly, no JavaScript,
/// with attachments; the complainant gets the case number and a query code. Signed in, the same form is the staff entry
/// of an authority (any channel) and the report of a registered monitoring station or special supervisor.
/// </summary>
[BodyLimit(BodySize.Upload)]
[AccessRule(AccessRules.Public)]
public sealed class ComplaintModel(SupervisionDesk desk) : PageModel
{
    public SupervisionRules Rules => desk.Rules;
    public string? Error { get; private set; }
    public FiledClue? Filed { get; private set; }
    /// <summary>Authority staff entering a clue (they choose the channel).</summary>
    public bool IsAuthorityStaff { get; private set; }
    /// <summary>A registered source reporting (its channel is its kind).</summary>
    public string? SourceName { get; private set; }

    [BindProperty] public string? Authority { get; set; }
    [BindProperty] public string? Channel { get; set; }
    [BindProperty] public List<string> Categories { get; set; } = [];
    [BindProperty] public string? RespondentName { get; set; }
    [BindProperty] public string? RespondentCode { get; set; }
    [BindProperty] public string? Facts { get; set; }
    [BindProperty] public string? ComplainantName { get; set; }
    [BindProperty] public string? ComplainantContact { get; set; }
    [BindProperty] public string? Contract { get; set; }
    [BindProperty] public decimal? AmountWan { get; set; }
    [BindProperty] public string? DueOn { get; set; }

    public void OnGet() => Who();

    public async Task<IActionResult> OnPostAsync()
    {
        var who = Who();
        try
        {
            var files = await FilesOf();
            var arrears = Contract is null && AmountWan is null && DueOn is null ? null
                : new ClueArrears(Contract, AmountWan, Features.Supervision.SupervisionEndpoints.Date(DueOn, "约定付款日期"), null);
            Filed = desk.File(new NewClue(IsAuthorityStaff ? Channel : "complaint", [.. Categories],
                new ClueRespondent(RespondentCode, RespondentName), Facts,
                string.IsNullOrWhiteSpace(ComplainantName) && string.IsNullOrWhiteSpace(ComplainantContact) ? null : new ClueComplainant(ComplainantName, ComplainantContact),
                arrears, Authority), who, files);
        }
        catch (Refusal r) { Error = r.Message; }
        return Page();
    }

    private Task<IReadOnlyList<NewAttachment>> FilesOf() => CaseResults.Files(Request.Form.Files, "attachments");

    private CaseActor? Who()
    {
        var a = HttpContext.AccountOf();
        if (a is null) return null;
        IsAuthorityStaff = desk.Access.AuthorityOf(a) is not null;
        if (SupervisionSources.IsSource(a)) SourceName = $"{SupervisionSources.Roles[a.Role!]}：{a.Name}";
        Authority ??= IsAuthorityStaff || SourceName is not null ? a.Region : null;
        return IsAuthorityStaff || SourceName is not null ? CaseActor.Of(a) : null;
    }
}
