using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Inspections;

/// <summary>一公开: results entered by a department of the inspection are published at once; missing ones are on the worklist, overdue after the working-day period. On SQLite and PostgreSQL.</summary>
public class InspectionResultTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Results_are_published_on_entry_and_missing_ones_stay_on_the_worklist_until_overdue(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-20T10:00:00+08:00");
        var sj = p.As(p.Account(AccountKinds.Department, "HRB-SJ", "哈尔滨市市场监督管理局"));
        var sw = p.As(p.Account(AccountKinds.Department, "HRB-SW", "国家税务总局哈尔滨市税务局"));
        var seedAt = DateTimeOffset.Parse("2026-11-23T09:00:00+08:00");
        var targets = DrawTests.Targets().Where((_, i) => i % 10 == 0).ToList();   // 40 A, 30 B, 20 C, 10 D
        Assert.Equal(201, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans", new
        {
            code = "R-2026-1", name = "结果公示测试", departments = new[] { "HRB-SJ" }, seedAt, seedSource = "NIST Randomness Beacon", targets, inspectors = DrawTests.Inspectors(),
        })).Status);
        p.Clock.Set(seedAt);
        var (s, drawn, _) = await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/R-2026-1/draw", new { publicValue = "pulse 123", source = "NIST Randomness Beacon" });
        Assert.Equal(200, s);
        var inspections = drawn.GetProperty("result").GetProperty("inspections").EnumerateArray().ToList();
        var first = inspections[0];
        var target = first.GetProperty("target").GetString()!;
        var items = first.GetProperty("items").EnumerateArray().Select(i => i.GetString()!).ToList();

        var (_, work) = await p.GetJson("/api/v1/inspections/worklist", sj);
        Assert.Equal(inspections.Count, work.GetArrayLength());
        var due = work[0].GetProperty("due").GetString();
        Assert.Equal("2026-12-21", due);   // 20 working days after Monday 2026-11-23
        Assert.False(work[0].GetProperty("overdue").GetBoolean());
        Assert.Equal(0, (await p.GetJson("/api/v1/inspections/worklist", sw)).Body.GetArrayLength());
        p.Clock.Set(DateTimeOffset.Parse("2026-11-26T15:00:00+08:00"));

        object Body(string outcome, IEnumerable<string> codes, string? penalty = null) => new
        {
            target, inspectedOn = "2026-11-25", outcome, summary = "现场检查营业执照、年报及食品安全管理制度", penaltyDecision = penalty,
            items = codes.Select(c => new { code = c, result = "未发现问题" }),
        };
        Assert.Equal(403, (await TestPlatform.PostJson(sw, "/api/v1/inspections/plans/R-2026-1/results", Body("compliant", items))).Status);
        var (s1, e1, _) = await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/R-2026-1/results", Body("compliant", items.Skip(1)));
        Assert.Equal(400, s1);
        Assert.Contains($"缺少检查事项{items[0]}", e1.GetProperty("detail").GetString());
        Assert.Equal(400, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/R-2026-1/results", Body("penalized", items))).Status);   // no decision number
        Assert.Equal(201, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/R-2026-1/results", Body("penalized", items, "哈市监罚〔2026〕9001号"))).Status);
        Assert.Equal(400, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/R-2026-1/results", Body("compliant", items))).Status);   // once

        var page = await p.Http.GetStringAsync("/inspections/R-2026-1");
        Assert.Contains("哈市监罚〔2026〕9001号", page);
        Assert.Contains("发现问题依法处罚", page);
        var (_, published) = await p.GetJson("/api/v1/inspections/plans/R-2026-1/results");
        Assert.Equal(target, Assert.Single(published.EnumerateArray()).GetProperty("target").GetString());

        (_, work) = await p.GetJson("/api/v1/inspections/worklist", sj);
        Assert.Equal(inspections.Count - 1, work.GetArrayLength());
        Assert.DoesNotContain(work.EnumerateArray(), w => w.GetProperty("target").GetString() == target);
        p.Clock.Set(DateTimeOffset.Parse("2026-12-22T09:00:00+08:00"));
        (_, work) = await p.GetJson("/api/v1/inspections/worklist", sj);
        Assert.All(work.EnumerateArray(), w => Assert.True(w.GetProperty("overdue").GetBoolean()));

        // The same worklist on the portal, for the department signed in; another department's is empty.
        var token = p.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount("HRB-SJ", AccountKinds.Department, "哈尔滨市市场监督管理局"));
        var portal = await Xinyong.Tests.Objections.Kit.StaffPortal(p, "HRB-SJ", token);
        var html = WebUtility.HtmlDecode(await portal.GetStringAsync("/inspections/worklist"));
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var rows = doc.QuerySelectorAll("#inspection-worklist tbody tr");
        Assert.Equal(inspections.Count - 1, rows.Length);
        Assert.All(rows, r => Assert.Contains("已逾期", r.TextContent));
        Assert.Contains("2026-12-21", rows[0].TextContent);
        Assert.DoesNotContain(rows, r => r.TextContent.Contains(target));
        var otherToken = p.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount("HRB-SW", AccountKinds.Department, "国家税务总局哈尔滨市税务局"));
        var other = await Xinyong.Tests.Objections.Kit.StaffPortal(p, "HRB-SW", otherToken);
        Assert.Contains("没有待录入结果的抽查", await other.GetStringAsync("/inspections/worklist"));
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = p.Url };
        var anonymous = await visitor.GetAsync("/inspections/worklist");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);   // to the sign-in page
        Assert.StartsWith("/signin", anonymous.Headers.Location!.PathAndQuery);
    }
}
