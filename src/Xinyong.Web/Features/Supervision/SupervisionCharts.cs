using Xinyong.Application.Supervision;
using Xinyong.Storage.Supervision;
using Xinyong.Supervision;
using Xinyong.Web.Features.Charts;

namespace Xinyong.Web.Features.Supervision;

/// <summary>
/// The charts of the supervision figures for the annual assessment (《黑龙江省营商环境监督办法》第十四条), drawn by the
/// portal's one chart helper (<see cref="SvgChart"/>, each chart with its data table one click away): per grouping the
/// cases received, closed and closed on time and the overdue steps, and the on-time rate per authority.
/// </summary>
public sealed class SupervisionCharts(SupervisionDesk desk)
{
    /// <summary>The groupings with their Chinese headings.</summary>
    public static readonly IReadOnlyDictionary<string, string> Groupings = new Dictionary<string, string>
    {
        ["authority"] = "按营商环境主管部门", ["respondent"] = "按被监督单位", ["channel"] = "按线索来源", ["category"] = "按损害营商环境情形", ["outcome"] = "按办理结果",
    };

    /// <summary>The Chinese label of a group key.</summary>
    public string Label(string grouping, string key) => grouping switch
    {
        "authority" => desk.Rules.AuthorityOfUnit(key)?.Name ?? key,
        "channel" => SupervisionRules.Find(desk.Rules.Channels, key)?.Name ?? key,
        "category" => desk.Rules.Category(key)?.Name ?? key,
        "outcome" => SupervisionRules.Find(desk.Rules.ClosingTypes, key)?.Name
                     ?? desk.Engine.Kinds[SupervisionDesk.Kind].States.FirstOrDefault(s => s.Code == key)?.Name ?? key,
        _ => key,
    };

    /// <summary>The counts of one grouping as a bar chart: 案件数, 已结案, 按期结案, 逾期未办期限.</summary>
    public Chart Counts(string grouping, IReadOnlyList<SupervisionCount> rows) =>
        new($"supervision-{grouping}", $"营商环境监督案件{Groupings[grouping]}统计", rows.Select(r => Label(grouping, r.Key)).ToList(),
        [
            new ChartSeries("案件数", rows.Select(r => (double)r.Cases).ToList()),
            new ChartSeries("已结案", rows.Select(r => (double)r.Closed).ToList()),
            new ChartSeries("按期结案", rows.Select(r => (double)r.OnTime).ToList()),
            new ChartSeries("逾期未办期限", rows.Select(r => (double)r.OverdueSteps).ToList()),
        ]) { CategoryHeading = Groupings[grouping][1..] };

    /// <summary>The on-time rate of closed cases per authority (closed within the closing period / closed).</summary>
    public Chart OnTimeRates(IReadOnlyList<SupervisionCount> byAuthority)
    {
        var closed = byAuthority.Where(r => r.Closed > 0).ToList();
        return new Chart("supervision-on-time", "营商环境监督案件按期结案率（按主管部门）", closed.Select(r => Label("authority", r.Key)).ToList(),
            [new ChartSeries("按期结案率", closed.Select(r => (double)r.OnTime / r.Closed).ToList())], Percent: true) { CategoryHeading = "营商环境主管部门" };
    }

    /// <summary>The dashboard's chart: cases received in [from, to] per authority.</summary>
    public Chart ForDashboard(DateOnly from, DateOnly to, DateOnly today) => Counts("authority", desk.Store.Counts("authority", from, to, today));
}
