using Xinyong.Application.Cases;
using Xinyong.Application.Commitments;
using Xinyong.Storage.Commitments;
using Xinyong.Web.Features.Commitments;

namespace Xinyong.Web.Pages.Staff.Commitments;

/// <summary>
/// <c>/staff/commitments</c>: a licensing unit's staff accept a commitment (the eligibility check first, Art. 45 (1)) and
/// see their unit's commitments with their verification days.
/// </summary>
[AccessRule(AccessRules.CommitmentDesk)]
public sealed class IndexModel(CommitmentDesk desk, CommitmentStore store, CommitmentViews views) : PageModel
{
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? SubjectName { get; set; }
    [BindProperty] public string? Matter { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? DecisionDate { get; set; }
    [BindProperty] public string? Decision { get; set; }

    /// <summary>The refusal of the intake, shown inline.</summary>
    public string? Error { get; private set; }

    /// <summary>The measure and reason of an eligibility refusal.</summary>
    public string? Ineligible { get; private set; }

    /// <summary>The unit's commitments, newest first.</summary>
    public IReadOnlyList<CommitmentView> Mine { get; private set; } = [];

    /// <summary>The unit the signed-in staff member acts for.</summary>
    public string Unit => CommitmentsFeature.UnitOf(HttpContext.AccountOf()) ?? "";

    /// <summary>The rules in force.</summary>
    public Xinyong.Commitments.CommitmentRuleSet Rules => desk.Current;

    public void OnGet() => Load();

    /// <summary>Accepts the commitment, or shows why not.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var account = HttpContext.AccountOf()!;
        try
        {
            var row = await desk.Accept(new CommitmentIntake(Subject, Matter, Type, Text, CommitmentsFeature.Date(DecisionDate, "决定日期"), Decision, SubjectName),
                CaseActor.Of(account), Unit, CommitmentChannels.Unit);
            return Redirect($"/staff/commitments/{row.Id}");
        }
        catch (Refusal r)
        {
            Error = r.Message;
            if (r.Code == "ineligible") Ineligible = $"{r.Details["measure"]}：{r.Details["reason"]}";
            Response.StatusCode = RefusalHandler.StatusOf(r.Kind);
            Load();
            return Page();
        }
    }

    private void Load() => Mine = string.IsNullOrEmpty(Unit) ? [] : store.Search(new CommitmentQuery(Unit: Unit, Limit: 100)).Rows.Select(views.Of).ToList();
}
