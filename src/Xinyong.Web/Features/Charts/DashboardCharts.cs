using System.Globalization;
using Xinyong.Measures;
using Xinyong.Cases;
using Xinyong.Objections;
using Xinyong.Repairs;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Statistics;

namespace Xinyong.Web.Features.Charts;

/// <summary>The charts of the staff dashboard and of the public statistics page, built from the stored figures.</summary>
public sealed class DashboardCharts(DeskFigures figures, ProviderQuality quality, AccountStore accounts, MeasuresSet measures, CatalogSet catalog)
{
    /// <summary>The periods a dashboard offers, in days.</summary>
    public static readonly int[] Periods = [7, 30, 90];

    private static string Day(DateOnly d) => d.ToString("MM-dd", CultureInfo.InvariantCulture);
    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }

    private string UnitName(string code) => code == CreditAgency.Code ? CreditAgency.Name : accounts.Get(code)?.Name ?? code;

    /// <summary>Records received per day by provider (the five busiest providers, the rest together).</summary>
    public Chart RecordsPerDay(DateOnly from, DateOnly to)
    {
        var rows = figures.RecordsReceived(from, to);
        var days = Days(from, to).ToList();
        var top = rows.GroupBy(r => r.Key).OrderByDescending(g => g.Sum(r => r.Count)).Select(g => g.Key).ToList();
        var shown = top.Take(5).ToList();
        var series = shown.Select(p => new ChartSeries(UnitName(p), days.Select(d => (double)rows.Where(r => r.Key == p && r.Day == d).Sum(r => r.Count)).ToList())).ToList();
        if (top.Count > 5)
            series.Add(new ChartSeries("其他提供单位", days.Select(d => (double)rows.Where(r => !shown.Contains(r.Key) && r.Day == d).Sum(r => r.Count)).ToList()));
        return new Chart("records-per-day", "每日接收信用信息（按提供单位）", days.Select(Day).ToList(), series, ChartKind.Stacked) { CategoryHeading = "日期" };
    }

    /// <summary>On-time and rejection rates per provider in the period.</summary>
    public Chart ProviderRates(DateOnly from, DateOnly to)
    {
        var rows = quality.Of(from, to).Where(r => r.Rows > 0 || r.Timed > 0).ToList();
        return new Chart("provider-rates", "及时报送率和拒绝率（按提供单位）", rows.Select(r => r.Name).ToList(),
            [new ChartSeries("及时报送率", rows.Select(r => r.OnTimeRate ?? 0).ToList()), new ChartSeries("拒绝率", rows.Select(r => r.RejectionRate ?? 0).ToList())],
            ChartKind.Bars, Percent: true) { CategoryHeading = "提供单位" };
    }

    /// <summary>Checks per day by scenario.</summary>
    public Chart ChecksPerDay(DateOnly from, DateOnly to)
    {
        var rows = figures.Checks(from, to);
        var days = Days(from, to).ToList();
        var scenarios = rows.Select(r => r.Key).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        var series = scenarios.Select(s => new ChartSeries(measures.Current.ScenarioOf(s)?.Name ?? s,
            days.Select(d => (double)rows.Where(r => r.Key == s && r.Day == d).Sum(r => r.Count)).ToList())).ToList();
        return new Chart("checks-per-day", "每日联合奖惩核查（按应用场景）", days.Select(Day).ToList(), series, ChartKind.Stacked) { CategoryHeading = "日期" };
    }

    /// <summary>Open and overdue case steps by unit today.</summary>
    public Chart OpenSteps(DateOnly today)
    {
        var rows = figures.OpenSteps(today);
        var units = rows.Select(r => r.Key).Distinct().ToList();
        long Of(string unit, string state) => rows.Where(r => r.Key == unit && r.State == state).Sum(r => r.Count);
        return new Chart("open-steps", "待办事项和逾期事项（按办理单位）", units.Select(UnitName).ToList(),
            [new ChartSeries("未逾期", units.Select(u => (double)Of(u, "due")).ToList()), new ChartSeries("已逾期", units.Select(u => (double)Of(u, "overdue")).ToList())],
            ChartKind.Stacked) { CategoryHeading = "办理单位" };
    }

    /// <summary>Objections by outcome, records and list entries apart.</summary>
    public Chart Objections()
    {
        var rows = figures.Objections();
        var states = ObjectionStatus.All;
        long Of(string kind, ObjectionStatus state) => rows.Where(r => r.Key == kind && r.State == state.Code).Sum(r => r.Count);
        return new Chart("objections", "异议申请（按处理结果）", states.Select(s => s.Chinese).ToList(),
            [new ChartSeries("信用信息", states.Select(s => (double)Of("record", s)).ToList()), new ChartSeries("名单认定", states.Select(s => (double)Of("list-entry", s)).ToList())],
            ChartKind.Stacked) { CategoryHeading = "处理结果" };
    }

    /// <summary>Repair applications by outcome.</summary>
    public Chart Repairs()
    {
        var rows = figures.Repairs();
        var states = RepairStatus.All;
        return new Chart("repairs", "信用修复申请（按办理结果）", states.Select(s => s.Chinese).ToList(),
            [new ChartSeries("申请", states.Select(s => (double)rows.Where(r => r.State == s.Code).Sum(r => r.Count)).ToList())]) { CategoryHeading = "办理结果" };
    }

    /// <summary>Public 双公示 decisions per month, the last twelve months.</summary>
    public Chart DecisionsPerMonth(DateOnly today)
    {
        var licences = figures.DecisionsPerMonth("admin-licence", today, 12);
        var penalties = figures.DecisionsPerMonth("admin-penalty", today, 12);
        return new Chart("decisions-per-month", "“双公示”信息（按决定月份）", licences.Select(m => Month(m.Month)).ToList(),
            [new ChartSeries("行政许可", licences.Select(m => (double)m.Count).ToList()), new ChartSeries("行政处罚", penalties.Select(m => (double)m.Count).ToList())])
            { CategoryHeading = "月份" };
    }

    /// <summary>Public records by catalog item today.</summary>
    public Chart PublicRecordsByItem(DateOnly today)
    {
        var rows = figures.PublicRecordsByItem(today);
        return new Chart("records-by-item", "公示中的公共信用信息（按信息类别）", rows.Select(r => catalog.Item(r.Item)?.Name ?? r.Item).ToList(),
            [new ChartSeries("条数", rows.Select(r => (double)r.Count).ToList())]) { CategoryHeading = "信息类别" };
    }

    /// <summary>Credit repairs completed per month, the last twelve months.</summary>
    public Chart RepairsPerMonth(DateOnly today)
    {
        var rows = figures.RepairsCompletedPerMonth(today, 12);
        return new Chart("repairs-per-month", "完成信用修复（按月份）", rows.Select(m => Month(m.Month)).ToList(),
            [new ChartSeries("完成修复", rows.Select(m => (double)m.Count).ToList())], ChartKind.Lines) { CategoryHeading = "月份" };
    }
}
