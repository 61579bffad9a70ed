using Xinyong.Measures;
using Xinyong.Storage.Lists;

namespace Xinyong.Web.Pages.Staff.Lists;

/// <summary>
/// Art. 30 (2): the deciding unit affirms, for one record, that the act was minor and occasional, corrected or remedied
/// in time and without harmful social consequences; the record then carries no constraint or punishment measure.
/// </summary>
[AccessRule(AccessRules.DecidingStaff)]
public sealed class ExemptionModel(MeasureExemptions exemptions, RecordReader records, SubjectStore subjects, CatalogSet catalog, MeasuresSet rules) : StaffPage
{
    [BindProperty(SupportsGet = true)] public long? Record { get; set; }
    [BindProperty] public List<string> Conditions { get; set; } = [];
    [BindProperty] public string? Reasons { get; set; }

    public ExemptionRule Rule => rules.Current.Exemption;
    public StoredRecord? Found { get; private set; }
    public string? ItemName { get; private set; }

    /// <summary>A record's decision number as written (〔〕 kept), not its normalized key.</summary>
    public string DecisionNumber(StoredRecord r) => Xinyong.Web.Features.Publication.Display.DecisionNumber(catalog.Item(r.Item), r);
    public string? SubjectName { get; private set; }
    public MeasureExemption? Existing { get; private set; }
    public bool Saved { get; private set; }

    public void OnGet() => Lookup();

    public IActionResult OnPost()
    {
        Saved = Record is { } id && Try(() => exemptions.Exempt(id, Conditions, Reasons ?? "", Actor));
        Lookup();
        return Page();
    }

    private void Lookup()
    {
        if (Record is not { } id) return;
        Found = records.Get(id);
        if (Found is null) return;
        ItemName = catalog.Item(Found.Item)?.Name ?? Found.Item;
        SubjectName = subjects.Get(Found.SubjectId)?.Name;
        Existing = exemptions.Of(id);
    }
}
