using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Charts;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;
using Kit = Xinyong.Tests.Objections.Kit;

namespace Xinyong.Tests.Portal;

/// <summary>The chart helper and the pages that use it: the staff dashboard and the public statistics page.</summary>
public class ChartTests
{
    private static string Html(Chart c)
    {
        using var w = new StringWriter();
        SvgChart.Render(c).WriteTo(w, System.Text.Encodings.Web.HtmlEncoder.Default);
        return w.ToString();
    }

    [Fact]
    public void Bars_are_as_tall_as_their_values_and_the_table_carries_every_value()
    {
        var chart = new Chart("t", "测试图表", ["甲", "乙", "丙"], [new ChartSeries("数量", [10, 40, 0])]) { CategoryHeading = "单位" };
        var html = Html(chart);
        var doc = new HtmlParser().ParseDocument(html);
        var bars = doc.QuerySelectorAll("svg rect.bar").Select(r => double.Parse(r.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal(4 * bars[0], bars[1], 1);   // 40 is four times 10
        Assert.Equal(0, bars[2]);
        var rows = doc.QuerySelectorAll("details.chart-data table tbody tr").Select(tr => string.Join("|", tr.Children.Select(td => td.TextContent))).ToList();
        Assert.Equal(["甲|10", "乙|40", "丙|0"], rows);
        Assert.Equal("单位", doc.QuerySelector("details.chart-data th")!.TextContent);
        Assert.Equal("查看数据表", doc.QuerySelector("details.chart-data summary")!.TextContent);
        Assert.DoesNotContain("style=", html);   // the security policy allows no inline style
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Stacked_bars_add_up_rates_read_as_percentages_and_an_empty_chart_says_so()
    {
        var stacked = new Chart("s", "堆叠", ["一", "二"], [new ChartSeries("A", [1, 2]), new ChartSeries("B", [3, 0])], ChartKind.Stacked);
        var doc = new HtmlParser().ParseDocument(Html(stacked));
        Assert.Equal(3, doc.QuerySelectorAll("svg rect.bar").Length);   // a zero part draws nothing
        Assert.Equal(["A", "B"], doc.QuerySelectorAll("ul.chart-legend li").Select(li => li.TextContent).ToArray());
        var rates = new Chart("r", "比率", ["甲"], [new ChartSeries("及时报送率", [0.875])], Percent: true);
        Assert.Equal("87.5%", new HtmlParser().ParseDocument(Html(rates)).QuerySelector("td.num")!.TextContent);
        var empty = new HtmlParser().ParseDocument(Html(new Chart("e", "空", ["甲"], [new ChartSeries("A", [0])])));
        Assert.Null(empty.QuerySelector("svg.chart-svg"));
        Assert.Equal("暂无数据。", empty.QuerySelector(".chart-empty")!.TextContent);
        Assert.Equal(100, SvgChart.NiceTop(97));
        Assert.Equal(250, SvgChart.NiceTop(201));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_dashboard_charts_records_per_day_by_provider_rates_and_steps_with_their_tables(string store)
    {
        await using var p = await TestPlatform.Start(store);   // 2026-11-22
        await Push(p, "admin-penalty",
            CompanyPenalty("哈尔滨图表示例有限公司", Uscc("MA1CHART1"), "哈市监罚〔2026〕8001号", "2026-11-20"),
            CompanyPenalty("哈尔滨图表示例有限公司", Uscc("MA1CHART1"), "哈市监罚〔2026〕8002号", "2026-11-20"));
        p.Clock.Advance(TimeSpan.FromDays(1));
        await Push(p, "admin-penalty", CompanyPenalty("哈尔滨图表其他有限公司", Uscc("MA1CHART2"), "哈市监罚〔2026〕8003号", "2026-11-21"));

        var (token, _) = Kit.Staff(p, "AG-CHARTS");
        var staff = await Kit.StaffPortal(p, "AG-CHARTS", token);
        var (status, doc) = await Page(staff, "/staff/dashboard?days=7");
        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var id in new[] { "records-per-day", "provider-rates", "checks-per-day", "open-steps", "objections", "repairs" })
            Assert.NotNull(doc.QuerySelector($"#chart-{id} details.chart-data table"));
        var perDay = doc.QuerySelector("#chart-records-per-day table")!;
        Assert.Equal("测试提供单位", perDay.QuerySelectorAll("thead th")[1].TextContent);
        var cells = perDay.QuerySelectorAll("tbody tr").ToDictionary(tr => tr.Children[0].TextContent, tr => tr.Children[1].TextContent);
        Assert.Equal(7, cells.Count);
        Assert.Equal("2", cells["11-22"]);
        Assert.Equal("1", cells["11-23"]);
        Assert.Equal("0", cells["11-21"]);
        Assert.NotNull(doc.QuerySelector("#chart-records-per-day svg.chart-svg"));
        var rates = doc.QuerySelector("#chart-provider-rates table tbody tr")!;
        Assert.Equal(["测试提供单位", "100.0%", "0.0%"], rates.Children.Select(c => c.TextContent).ToArray());
        // The outcomes of objections and repairs read as their status types name them (issue 12: no label map of bare codes).
        Assert.Equal(Xinyong.Objections.ObjectionStatus.All.Select(s => s.Chinese), doc.QuerySelectorAll("#chart-objections table tbody tr").Select(tr => tr.Children[0].TextContent));
        Assert.Equal(Xinyong.Repairs.RepairStatus.All.Select(s => s.Chinese), doc.QuerySelectorAll("#chart-repairs table tbody tr").Select(tr => tr.Children[0].TextContent));

        // Providers and the public do not see the dashboard.
        Assert.NotEqual(HttpStatusCode.OK, (await Browser(p).GetAsync("/staff/dashboard")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_public_statistics_page_charts_decisions_per_month(string store)
    {
        await using var p = await TestPlatform.Start(store);   // 2026-11-22
        await Push(p, "admin-penalty",
            CompanyPenalty("哈尔滨统计示例有限公司", Uscc("MA1TJ0001"), "哈市监罚〔2026〕8101号", "2026-11-02"),
            CompanyPenalty("哈尔滨统计示例有限公司", Uscc("MA1TJ0001"), "哈市监罚〔2026〕8102号", "2026-09-15"),
            CompanyPenalty("哈尔滨统计示例有限公司", Uscc("MA1TJ0001"), "哈市监罚〔2026〕8103号", "2026-09-16"));
        var (status, doc) = await Page(p.Http, "/statistics");
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = doc.QuerySelectorAll("#chart-decisions-per-month table tbody tr").ToDictionary(tr => tr.Children[0].TextContent, tr => tr.Children[2].TextContent);
        Assert.Equal(12, rows.Count);
        Assert.Equal("1", rows["2026-11"]);
        Assert.Equal("2", rows["2026-09"]);
        Assert.Equal("0", rows["2026-10"]);
        Assert.Equal("0", rows["2025-12"]);
        var byItem = doc.QuerySelector("#chart-records-by-item table tbody tr")!;
        Assert.Equal("3", byItem.Children[1].TextContent);
    }
}
