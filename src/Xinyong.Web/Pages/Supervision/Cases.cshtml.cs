using Xinyong.Application.Supervision;
using Xinyong.Storage.Supervision;

namespace Xinyong.Web.Pages.Supervision;

/// <summary>
/// <c>/supervision/cases</c>: the worklist of supervision cases. Authority staff see the cases of their authority and
/// those below it, the open steps with their due days (overdue marked) and the orders to correct whose date passed
/// (SM Art. 23: to be escalated); the respondent's account sees the cases it must answer; a registered source its reports.
/// </summary>
[AccessRule(AccessRules.Supervision)]
public sealed class CasesModel(SupervisionDesk desk, DeadlineStore deadlines, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CaseFile> Files { get; private set; } = [];
    public IReadOnlyList<WorkRow> Steps { get; private set; } = [];
    public IReadOnlyList<SupervisionRow> OverdueCorrections { get; private set; } = [];
    public IReadOnlyDictionary<string, string> StateNames { get; private set; } = new Dictionary<string, string>();
    public bool IsAuthority { get; private set; }
    public DateOnly Today { get; private set; }

    public void OnGet()
    {
        var a = HttpContext.AccountOf()!;
        Today = clock.Today();
        StateNames = desk.Engine.Kinds[SupervisionDesk.Kind].States.ToDictionary(s => s.Code, s => s.Name);
        var mine = desk.Access.AuthorityOf(a);
        IsAuthority = mine is not null;
        if (mine is not null)
        {
            var units = desk.Rules.Authorities.Where(x => desk.Rules.IsAtOrAbove(mine, x)).Select(x => x.Unit).ToList();
            Files = desk.Engine.Cases.List(SupervisionDesk.Kind, units);
            Steps = deadlines.Worklist(units).Where(w => w.Deadline.CaseKind == SupervisionDesk.Kind).ToList();
            OverdueCorrections = desk.Store.OverdueCorrections(Today, units);
        }
        else
        {
            var ids = desk.Engine.Cases.CasesOfParty(SupervisionDesk.Kind, "respondent", a.Code)
                .Concat(desk.Engine.Cases.CasesOfParty(SupervisionDesk.Kind, "source", a.Code)).Distinct();
            Files = ids.Select(id => desk.Engine.Cases.Get(id)!).ToList();
            Steps = deadlines.Worklist([a.Code]).Where(w => w.Deadline.CaseKind == SupervisionDesk.Kind).ToList();
        }
    }

    /// <summary>The number of a case by id (for the step list).</summary>
    public string NumberOf(long id) => desk.Engine.Cases.Get(id)?.Number ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
