using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Application.Supervision;
using Xinyong.Calendar;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Supervision;
using Xinyong.Web.Api;

namespace Xinyong.Web.Pages.Supervision;

/// <summary>
/// <c>/supervision/statistics</c>: figures for the annual assessment (SM Art. 14) — cases by authority, respondent,
/// channel, category and outcome, closed, closed on time and overdue steps — with bar charts (HTML meters, no script).
/// </summary>
[AccessRule(AccessRules.Supervision)]
public sealed class StatisticsModel(SupervisionDesk desk, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Groupings = new Dictionary<string, string>
    {
        ["authority"] = "按营商环境主管部门", ["respondent"] = "按被监督单位", ["channel"] = "按线索来源", ["category"] = "按损害营商环境情形", ["outcome"] = "按办理结果",
    };

    public IReadOnlyDictionary<string, IReadOnlyList<SupervisionCount>> Groups { get; private set; } = new Dictionary<string, IReadOnlyList<SupervisionCount>>();
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
        Groups = Groupings.Keys.ToDictionary(k => k, k => desk.Store.Counts(k, From, To, To));
    }

    /// <summary>The Chinese label of a group key.</summary>
    public string Label(string grouping, string key) => grouping switch
    {
        "authority" => desk.Rules.AuthorityOfUnit(key)?.Name ?? key,
        "channel" => Xinyong.Supervision.SupervisionRules.Find(desk.Rules.Channels, key)?.Name ?? key,
        "category" => desk.Rules.Category(key)?.Name ?? key,
        "outcome" => Xinyong.Supervision.SupervisionRules.Find(desk.Rules.ClosingTypes, key)?.Name
                     ?? desk.Engine.Kinds[SupervisionDesk.Kind].States.FirstOrDefault(s => s.Code == key)?.Name ?? key,
        _ => key,
    };
}
