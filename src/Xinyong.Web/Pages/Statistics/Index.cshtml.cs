using Xinyong.Storage.Statistics;
using Xinyong.Web.Features.Charts;

namespace Xinyong.Web.Pages.Statistics;

/// <summary><c>/statistics</c>: the public statistics page: the home page's figures and their charts, each with its table.</summary>
[AccessRule(AccessRules.Public)]
public sealed class IndexModel(SiteFigures figures, DashboardCharts charts, TimeProvider clock) : PageModel
{
    public HomeFigures Figures { get; private set; } = null!;
    public IReadOnlyList<Chart> Charts { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public void OnGet()
    {
        Today = clock.Today();
        Figures = figures.Home(Today);
        Charts = [charts.DecisionsPerMonth(Today), charts.PublicRecordsByItem(Today), charts.RepairsPerMonth(Today), charts.Objections()];
    }
}
