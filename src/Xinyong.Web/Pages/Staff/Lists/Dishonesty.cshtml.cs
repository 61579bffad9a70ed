using Xinyong.Measures;
using Xinyong.Storage.Lists;

namespace Xinyong.Web.Pages.Staff.Lists;

/// <summary>
/// The written decision that puts a subject on the DishonestyList (Art. 28): first the subject is looked up and its
/// records of dishonest acts listed, then the decision names its grounds, reasons, basis, supporting records and period.
/// </summary>
[AccessRule(AccessRules.DecidingStaff)]
public sealed class DishonestyModel(ListDecisions decisions, SubjectStore subjects, RecordReader records, CatalogSet catalog, MeasuresSet rules,
    AccountStore accounts, TimeProvider clock) : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty] public string? Ground { get; set; }
    [BindProperty] public string? Reasons { get; set; }
    [BindProperty] public string? Basis { get; set; }
    [BindProperty] public List<long> Records { get; set; } = [];
    [BindProperty] public string? DecisionNo { get; set; }
    [BindProperty] public string? DecidingUnit { get; set; }
    [BindProperty] public DateOnly StartsOn { get; set; }
    [BindProperty] public DateOnly? EndsOn { get; set; }
    [BindProperty] public string? RemovalConditions { get; set; }
    [BindProperty] public bool StateOwned { get; set; }
    [BindProperty] public string? StateEmployer { get; set; }

    public DishonestyRules Rules => rules.Current.Dishonesty;
    public SubjectRow? Found { get; private set; }
    public IReadOnlyList<(StoredRecord Record, CatalogItem Item)> Negative { get; private set; } = [];
    public string? LookupError { get; private set; }

    public void OnGet()
    {
        var today = clock.Today();
        StartsOn = today;
        EndsOn = today.AddMonths(Rules.DefaultMonths).AddDays(-1);
        Basis = Rules.Basis;
        RemovalConditions = Rules.RemovalConditions;
        DecidingUnit = Actor.Unit is { } unit ? accounts.Get(unit)?.Name : "公共信用工作机构";
        Lookup();
    }

    public IActionResult OnPost()
    {
        long id = 0;
        if (Try(() => id = decisions.DecideDishonesty(new DishonestyDecision(Subject ?? "", Ground ?? "", Reasons ?? "", Basis, Records, DecisionNo ?? "",
                DecidingUnit ?? "", StartsOn, EndsOn, RemovalConditions, StateOwned, StateEmployer), Actor)))
            return Redirect($"/staff/lists/{id}");
        Lookup();
        return Page();
    }

    private void Lookup()
    {
        if (string.IsNullOrWhiteSpace(Subject)) return;
        try { Found = subjects.FindByCode(Subject); }
        catch (Refusal ex) { LookupError = ex.Message; return; }
        if (Found is null) { LookupError = "平台没有该信用主体的信息。"; return; }
        Negative = records.OfSubject(Found.Id)
            .Select(r => (Record: r, Item: catalog.Item(r.Item)))
            .Where(x => x.Item?.Nature == Nature.Negative && x.Record.Status != RecordStatus.Revoked)
            .Select(x => (x.Record, x.Item!)).ToList();
    }
}
