using Xinyong.Web.Features.Charts;

namespace Xinyong.Web.Pages.Staff.Dashboard;

/// <summary>
/// <c>/staff/dashboard?days=7|30|90</c>: the oversight dashboard in charts: records received per day by provider, on-time
/// and rejection rates, checks per day by scenario, open and overdue case steps by unit, objections and repairs by outcome,
/// supervision cases per authority.
/// </summary>
[AccessRule(AccessRules.Oversight)]
public sealed class IndexModel(DashboardCharts charts, Xinyong.Web.Features.Supervision.SupervisionCharts supervision, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Days { get; set; } = 30;

    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public IReadOnlyList<Chart> Charts { get; private set; } = [];

    public void OnGet()
    {
        if (!DashboardCharts.Periods.Contains(Days)) Days = 30;
        To = clock.Today();
        From = To.AddDays(-(Days - 1));
        Charts = [charts.RecordsPerDay(From, To), charts.ProviderRates(From, To), charts.ChecksPerDay(From, To), charts.OpenSteps(To), charts.Objections(), charts.Repairs(),
            supervision.ForDashboard(From, To, To)];   // 营商环境监督案件 per authority (SM Art. 14)
    }
}
