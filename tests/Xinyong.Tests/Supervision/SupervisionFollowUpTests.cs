using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Application.Supervision;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Supervision.SupervisionApiTests;

namespace Xinyong.Tests.Supervision;

/// <summary>
/// What follows a supervision case and what the authority reads off them (SM Art. 12-14, 23, 28), on both stores, and the
/// contract's command line.
/// </summary>
public sealed class SupervisionFollowUpTests
{
    private static string D(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_station_reports_a_missed_correction_is_escalated_the_case_is_published_masked_and_counted(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var city = Authority(p, "HRB-YS-1", "230100", "city");
        var accounts = p.Services.GetRequiredService<AccountStore>();
        var station = p.As(accounts.AddOrUpdate(new NewAccount("ST-01", SupervisionSources.AccountKind, "道里区某商会监测点", "city", "230100", Role: "station")));

        // A monitoring station reports under its own channel (its account, SM Art. 12); it is no authority staff, so it
        // cannot review.
        var (s, filed, _) = await TestPlatform.PostJson(station, "/api/v1/supervision/cases", new
        {
            categories = new[] { "art8-9" }, respondent = new { code = Bureau, name = "哈尔滨市道里区住房和城乡建设局" },
            facts = "强制会员企业参加收费评比活动，每户收取评比费五千元", complainant = new { name = "王某某", contact = "13800001111" },
        });
        Assert.Equal(201, s);
        var id = filed.GetProperty("id").GetInt64();
        Assert.Equal(403, (await TestPlatform.PostJson(station, $"/api/v1/supervision/cases/{id}/review", new { outcome = "accept", reason = "x" })).Status);
        var (_, v) = await p.GetJson($"/api/v1/supervision/cases/{id}", station);
        Assert.Equal("station", D(v, "channel"));

        (s, _, _) = await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/review", new { outcome = "accept", reason = "受理" });
        Assert.Equal(200, s);
        (s, var closed, _) = await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/closing",
            new { type = "violation", method = "expert", result = "责令退还评比费", serious = false, correctBy = "2026-09-30" });
        Assert.Equal(200, s);

        // Before the correction date nothing is escalated; after it, the case is listed and escalated (SM Art. 23).
        Assert.Equal(422, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/escalation", new { opinion = "提请区政府处理" })).Status);
        p.Clock.Advance(TimeSpan.FromDays(20));   // 2026-10-08
        var desk = p.Services.GetRequiredService<SupervisionDesk>();
        Assert.Contains(desk.Store.OverdueCorrections(new DateOnly(2026, 10, 8), ["ys-230100"]), r => r.CaseId == id);
        (s, v, _) = await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/escalation", new { opinion = "提请区人民政府作出处理决定" });
        Assert.Equal(200, s);
        Assert.Equal("2026-10-08", D(v, "escalatedOn"));
        Assert.DoesNotContain(desk.Store.OverdueCorrections(new DateOnly(2026, 10, 8), ["ys-230100"]), r => r.CaseId == id);

        // Published as a typical case, the complainant's name masked (SM Art. 28).
        (s, _, _) = await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/publication", new { summary = "王某某反映区住建局强制企业参加收费评比，经查属实，责令退还" });
        Assert.Equal(200, s);
        var (_, typical) = await p.GetJson("/api/v1/supervision/typical");
        var summary = D(Assert.Single(typical.EnumerateArray()), "summary");
        Assert.DoesNotContain("王某某", summary);
        Assert.Contains("强制企业参加收费评比", summary);

        // The statistics count it by authority, channel, category and outcome, closed on time.
        var (ss, stats) = await p.GetJson("/api/v1/supervision/statistics", city);
        Assert.Equal(200, ss);
        var byAuthority = Assert.Single(stats.GetProperty("groups").GetProperty("authority").EnumerateArray());
        Assert.Equal(("ys-230100", 1L, 1L, 1L), (D(byAuthority, "key"), byAuthority.GetProperty("cases").GetInt64(), byAuthority.GetProperty("closed").GetInt64(), byAuthority.GetProperty("onTime").GetInt64()));
        Assert.Equal("station", D(Assert.Single(stats.GetProperty("groups").GetProperty("channel").EnumerateArray()), "key"));
        Assert.Equal("art8-9", D(Assert.Single(stats.GetProperty("groups").GetProperty("category").EnumerateArray()), "key"));
        Assert.Equal("violation", D(Assert.Single(stats.GetProperty("groups").GetProperty("outcome").EnumerateArray()), "key"));
        Assert.Equal(403, (await p.GetJson("/api/v1/supervision/statistics", station)).Status);

        // The staff statistics page draws them with the portal's SVG chart helper, each chart with its table one click
        // away (no <meter>); the oversight dashboard carries the per-authority chart.
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await city.GetStringAsync("/supervision/statistics"));
        Assert.Null(page.QuerySelector("meter"));
        foreach (var g in new[] { "authority", "respondent", "channel", "category", "outcome", "on-time" })
            Assert.NotNull(page.QuerySelector($"#chart-supervision-{g} svg.chart-svg"));
        var channelRow = page.QuerySelector("#chart-supervision-channel details.chart-data table tbody tr")!;
        Assert.Equal(desk.Rules.Channels.First(c => c.Code == "station").Name, channelRow.Children[0].TextContent);
        Assert.Equal(["1", "1", "1", "0"], channelRow.Children.Skip(1).Select(c => c.TextContent).ToArray());
        var rate = page.QuerySelector("#chart-supervision-on-time details.chart-data table tbody tr")!;
        Assert.Equal("100.0%", rate.Children[1].TextContent);
        var (token, _) = Xinyong.Tests.Objections.Kit.Staff(p, "AG-SUP-CHARTS");
        var overseer = await Xinyong.Tests.Objections.Kit.StaffPortal(p, "AG-SUP-CHARTS", token);
        var dashboard = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await overseer.GetStringAsync("/staff/dashboard?days=90"));
        Assert.NotNull(dashboard.QuerySelector("#chart-supervision-authority details.chart-data table"));
    }

    [Fact]
    public async Task The_contract_command_registers_authority_staff_and_sources_with_tokens()
    {
        using var s = TestStores.Create("sqlite");
        string[] Common(params string[] args) => [.. args, "--db", s.Db, "--keys", Path.Combine(s.Folder, "keys"), "--rules", Paths.Rules];
        var staff = await Xy.Run(Common("staff", "add", "--code", "HRB-YS-1", "--name", "哈尔滨市营商环境建设监督局张某", "--role", "authority", "--region", "230100", "--level", "city"));
        Assert.Equal(0, staff.ExitCode);
        Assert.StartsWith("xy_", staff.Json.GetProperty("token").GetString());
        var source = await Xy.Run(Common("supervision", "source", "add", "--code", "SV-01", "--name", "特邀监督员李某", "--type", "supervisor", "--region", "230100"));
        Assert.Equal(0, source.ExitCode);
        Assert.StartsWith("xy_", source.Json.GetProperty("token").GetString());
        var unknown = await Xy.Run(Common("supervision", "source", "add", "--code", "SV-02", "--name", "某", "--type", "supervisor", "--region", "110000"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("110000", unknown.Err);
        var list = await Xy.Run(Common("supervision", "authorities"));
        Assert.Contains(list.JsonLines, a => a.GetProperty("region").GetString() == "230102" && a.GetProperty("parent").GetString() == "230100" && a.GetProperty("level").GetString() == "county");
    }
}
