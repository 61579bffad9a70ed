using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Inspections;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Inspections;

/// <summary>Tiered frequency (Art. 48): the rules' plans a year per grade become periods and the next draw due per grade tier,
/// for each department, from the plans it drew; through the API and on its worklist page, on SQLite and PostgreSQL.</summary>
public class ScheduleTests
{
    private static readonly DepartmentRules Rules = new("HRB-SJ", "哈尔滨市市场监督管理局",
        new Dictionary<string, decimal> { ["A"] = 1, ["B"] = 3, ["C"] = 10, ["D"] = 30 },
        new Dictionary<string, int> { ["A"] = 1, ["B"] = 1, ["C"] = 2, ["D"] = 4 }, "行政执法证", []);

    [Theory]
    [InlineData("2026-02-10", 4, "2026-01-01", "2026-03-31")]
    [InlineData("2026-11-30", 4, "2026-10-01", "2026-12-31")]
    [InlineData("2026-06-30", 2, "2026-01-01", "2026-06-30")]
    [InlineData("2026-07-01", 2, "2026-07-01", "2026-12-31")]
    [InlineData("2026-05-05", 1, "2026-01-01", "2026-12-31")]
    [InlineData("2026-04-15", 3, "2026-01-01", "2026-04-30")]
    [InlineData("2026-05-01", 3, "2026-05-01", "2026-08-31")]
    [InlineData("2026-02-28", 12, "2026-02-01", "2026-02-28")]
    [InlineData("2026-03-31", 5, "2026-01-01", "2026-03-31")]
    [InlineData("2026-04-01", 5, "2026-04-01", "2026-05-31")]
    public void The_year_is_split_into_as_many_periods_of_whole_months_as_plans_a_year(string day, int plans, string start, string end) =>
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end)), InspectionSchedule.PeriodOf(DateOnly.Parse(day), plans));

    [Fact]
    public void A_draw_that_covered_a_grade_moves_its_due_day_to_the_next_period_and_others_stay_due()
    {
        var today = DateOnly.Parse("2026-11-30");
        var drawn = new[]
        {
            new DrawnPlan("P-1", DateOnly.Parse("2026-03-02"), new Dictionary<string, int> { ["A"] = 4, ["B"] = 9, ["C"] = 20, ["D"] = 30 }),
            new DrawnPlan("P-2", DateOnly.Parse("2026-10-12"), new Dictionary<string, int> { ["A"] = 0, ["B"] = 0, ["C"] = 0, ["D"] = 12 }),
            new DrawnPlan("P-3", DateOnly.Parse("2026-12-05"), new Dictionary<string, int> { ["C"] = 5 }),   // after today: not yet
        };
        var t = InspectionSchedule.Of(Rules, today, drawn).ToDictionary(x => x.Grade);
        Assert.Equal(("P-2", true, DateOnly.Parse("2027-03-31")), (t["D"].LastPlan, t["D"].DrawnThisPeriod, t["D"].NextDue));   // quarterly: done this quarter
        Assert.Equal(("P-1", false, DateOnly.Parse("2026-12-31")), (t["C"].LastPlan, t["C"].DrawnThisPeriod, t["C"].NextDue));   // half-yearly: H2 not drawn
        Assert.Equal(("P-1", true, DateOnly.Parse("2027-12-31")), (t["A"].LastPlan, t["A"].DrawnThisPeriod, t["A"].NextDue));   // yearly: done this year
        Assert.Equal((30m, 4), (t["D"].Ratio, t["D"].PlansAYear));
        var none = InspectionSchedule.Of(Rules with { Frequency = new Dictionary<string, int> { ["A"] = 0, ["B"] = 1, ["C"] = 2, ["D"] = 4 } }, today, []);
        Assert.Null(none[0].NextDue);
        Assert.Equal(DateOnly.Parse("2026-12-31"), none[3].NextDue);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Each_department_sees_the_draws_due_per_grade_tier_from_its_own_plans(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-27T10:00:00+08:00");
        var accounts = p.Services.GetRequiredService<AccountStore>();
        var token = accounts.AddOrUpdate(new NewAccount("HRB-SJ", AccountKinds.Department, "哈尔滨市市场监督管理局"));
        var swToken = accounts.AddOrUpdate(new NewAccount("HRB-SW", AccountKinds.Department, "国家税务总局哈尔滨市税务局"));
        var sj = p.As(token);
        var seedAt = DateTimeOffset.Parse("2026-11-27T11:00:00+08:00");
        Assert.Equal(201, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans", new
        {
            code = "SCH-2026-4", name = "第四季度D级主体抽查", departments = new[] { "HRB-SJ" }, seedAt, seedSource = "NIST Randomness Beacon",
            targets = InspectionRecordTests.Targets(), inspectors = InspectionRecordTests.Inspectors(),   // four D targets
        })).Status);

        // Published but not drawn: nothing covered yet.
        var (_, before) = await p.GetJson("/api/v1/inspections/schedule", sj);
        Assert.All(before.EnumerateArray(), t => Assert.False(t.GetProperty("drawnThisPeriod").GetBoolean()));
        p.Clock.Set(seedAt);
        Assert.Equal(200, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/SCH-2026-4/draw", new { publicValue = "pulse 99", source = "NIST Randomness Beacon" })).Status);

        var (s, schedule) = await p.GetJson("/api/v1/inspections/schedule", sj);
        Assert.Equal(200, s);
        var tiers = schedule.EnumerateArray().ToDictionary(t => t.GetProperty("grade").GetString()!);
        Assert.Equal(["A", "B", "C", "D"], tiers.Keys);
        Assert.Equal(("SCH-2026-4", true, "2027-03-31"), (tiers["D"].GetProperty("lastPlan").GetString(), tiers["D"].GetProperty("drawnThisPeriod").GetBoolean(), tiers["D"].GetProperty("nextDue").GetString()));
        Assert.Equal((false, "2026-12-31", "2026-07-01"), (tiers["C"].GetProperty("drawnThisPeriod").GetBoolean(), tiers["C"].GetProperty("nextDue").GetString(), tiers["C"].GetProperty("periodStart").GetString()));
        Assert.Equal((2, 10m), (tiers["C"].GetProperty("plansAYear").GetInt32(), tiers["C"].GetProperty("ratio").GetDecimal()));

        // Another department's own plans only: the tax bureau drew none (its ratios are its own: B 2 %).
        var (_, sw) = await p.GetJson("/api/v1/inspections/schedule", p.As(swToken));
        Assert.All(sw.EnumerateArray(), t => Assert.False(t.GetProperty("drawnThisPeriod").GetBoolean()));
        Assert.Equal(2m, sw.EnumerateArray().Single(t => t.GetProperty("grade").GetString() == "B").GetProperty("ratio").GetDecimal());

        // The same on the department's worklist page.
        var portal = await Kit.StaffPortal(p, "HRB-SJ", token);
        var doc = new HtmlParser().ParseDocument(await portal.GetStringAsync("/inspections/worklist"));
        var d = doc.QuerySelector("#inspection-schedule tr[data-grade=D]")!.TextContent;
        Assert.Contains("本周期已抽取", d);
        Assert.Contains("2027-03-31", d);
        Assert.Contains("SCH-2026-4", d);
        var c = doc.QuerySelector("#inspection-schedule tr[data-grade=C]")!;
        Assert.Contains("本周期待抽取", c.TextContent);
        Assert.Contains("2026-07-01至2026-12-31", c.TextContent);
        Assert.Equal("due", c.GetAttribute("class"));
        Assert.Equal(401, (await p.GetJson("/api/v1/inspections/schedule")).Status);
    }
}
