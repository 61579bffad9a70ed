using Xinyong.Measures;

namespace Xinyong.Web.Pages.Lists;

/// <summary>The published measures lists in force (Art. 26, 30, 31: 向社会公布), and the versions published for later.</summary>
[AccessRule(AccessRules.Public)]
public sealed class MeasuresModel(MeasuresSet measures, CatalogSet catalog, TimeProvider clock) : PageModel
{
    public MeasuresVersion? Version { get; private set; }
    public IReadOnlyList<MeasuresVersion> Upcoming { get; private set; } = [];

    public void OnGet()
    {
        var today = clock.Today();
        Version = measures.On(today);
        Upcoming = measures.Upcoming(today);
    }

    /// <summary>What triggers a measure, in Chinese.</summary>
    public string Triggers(Measure m) => string.Join("；", m.Triggers.Lists.Select(CreditListNames.Chinese)
        .Concat(m.Triggers.Items.Select(i => (catalog.Item(i)?.Name ?? i) + (m.Triggers.SeriousOnly ? "（严重）" : ""))));

    /// <summary>The scenario names of a measure.</summary>
    public string Scenarios(Measure m) => string.Join("、", m.Scenarios.Select(s => Version?.ScenarioOf(s)?.Name ?? s));
}
