using Xinyong.Web.Features.Repairs;

namespace Xinyong.Web.Pages.Repairs;

/// <summary>The published conditions, procedure and deadlines of credit repair (Art. 40; 《黑龙江省“十四五”社会信用体系建设规划》三（三）), from the data.</summary>
[AccessRule(AccessRules.Public)]
public sealed class RulesModel(RepairViews views, Xinyong.Catalog.CatalogSet catalog) : PageModel
{
    public RepairRulesView Rules { get; private set; } = null!;

    /// <summary>The tier rules of the national Credit Repair Measures: each item that has them, with every published version.</summary>
    public IReadOnlyList<Xinyong.Catalog.CatalogItem> Tiered { get; private set; } = [];

    public void OnGet()
    {
        Rules = views.Rules();
        Tiered = catalog.Current.Items.Values.Where(i => i.Tiering is not null).OrderBy(i => i.Category).ThenBy(i => i.Code).ToList();
    }
}
