using Xinyong.Application.Supervision;
using Xinyong.Storage.Supervision;
using Xinyong.Web.Features.Charts;
using Xinyong.Web.Features.Supervision;

namespace Xinyong.Web.Pages.Supervision;

/// <summary>
/// <c>/supervision/statistics</c>: figures for the annual assessment (SM Art. 14) — cases by authority, respondent,
/// channel, category and outcome, closed, closed on time and overdue steps — as server-rendered SVG charts, each with
/// its data table one click away, and the on-time rate per authority.
/// </summary>
[AccessRule(AccessRules.Supervision)]
public sealed class StatisticsModel(SupervisionDesk desk, SupervisionCharts charts, TimeProvider clock) : PageModel
{
    public IReadOnlyDictionary<string, IReadOnlyList<SupervisionCount>> Groups { get; private set; } = new Dictionary<string, IReadOnlyList<SupervisionCount>>();
    public IReadOnlyList<Chart> Charts { get; private set; } = [];
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public bool Allowed { get; private set; }

    public void OnGet()
    {
        var a = HttpContext.AccountOf()!;
        Allowed = desk.Access.AuthorityOf(a) is not null || StaffAccess.Oversees(a);
        if (!Allowed) { Response.StatusCode = 403; return; }
        To = clock.Today();
        From = new DateOnly(To.Year, 1, 1);
        Groups = SupervisionCharts.Groupings.Keys.ToDictionary(k => k, k => desk.Store.Counts(k, From, To, To));
        Charts = [charts.OnTimeRates(Groups["authority"]), .. Groups.Select(g => charts.Counts(g.Key, g.Value))];
    }
}
