using Xinyong.Measures;
using Xinyong.Storage.Lists;

namespace Xinyong.Web.Pages.Staff.Lists;

/// <summary>Recognising a subject on the IncentiveList under a published criterion (Art. 25).</summary>
[AccessRule(AccessRules.DecidingStaff)]
public sealed class IncentiveModel(ListDecisions decisions, MeasuresSet rules, TimeProvider clock) : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty] public string? Criterion { get; set; }
    [BindProperty] public string? Reasons { get; set; }
    [BindProperty] public string? DecisionNo { get; set; }
    [BindProperty] public string? DecidingUnit { get; set; }
    [BindProperty] public DateOnly StartsOn { get; set; }
    [BindProperty] public DateOnly? EndsOn { get; set; }
    [BindProperty] public bool Published { get; set; } = true;

    public IReadOnlyList<IncentiveCriterion> Criteria => rules.Current.Incentive;

    public void OnGet() => StartsOn = clock.Today();

    public IActionResult OnPost()
    {
        long id = 0;
        return Try(() => id = decisions.DecideIncentive(new IncentiveDecision(Subject ?? "", Criterion ?? "", Reasons ?? "", DecisionNo ?? "", DecidingUnit ?? "",
                StartsOn, EndsOn, Published), Actor))
            ? Redirect($"/staff/lists/{id}")
            : Page();
    }
}
