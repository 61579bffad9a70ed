using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Inspections;

/// <summary>
/// The department enters an inspection's result on the portal, from its worklist: errors named by field in Chinese, the
/// result published on the plan's page, written into the subject's records, off the worklist; a department outside the
/// inspection is refused. On SQLite and PostgreSQL.
/// </summary>
public class InspectionResultFormTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_department_enters_a_result_from_its_worklist_without_javascript(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-12-01T09:00:00+08:00");
        var accounts = p.Services.GetRequiredService<AccountStore>();
        var token = accounts.AddOrUpdate(new NewAccount("HRB-SJ", AccountKinds.Department, "哈尔滨市市场监督管理局"));
        var otherToken = accounts.AddOrUpdate(new NewAccount("HRB-SW", AccountKinds.Department, "国家税务总局哈尔滨市税务局"));
        var sj = p.As(token);
        var seedAt = DateTimeOffset.Parse("2026-12-01T10:00:00+08:00");
        Assert.Equal(201, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans", new
        {
            code = "FORM-2026-1", name = "餐饮业双随机抽查（门户录入）", departments = new[] { "HRB-SJ" }, seedAt, seedSource = "NIST Randomness Beacon",
            targets = InspectionRecordTests.Targets(), inspectors = InspectionRecordTests.Inspectors(),
        })).Status);
        p.Clock.Set(seedAt);
        Assert.Equal(200, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/FORM-2026-1/draw", new { publicValue = "pulse 4711", source = "NIST Randomness Beacon" })).Status);
        p.Clock.Set(DateTimeOffset.Parse("2026-12-02T15:00:00+08:00"));

        var portal = await Kit.StaffPortal(p, "HRB-SJ", token);
        var parser = new HtmlParser();
        var worklist = parser.ParseDocument(await portal.GetStringAsync("/inspections/worklist"));
        var links = worklist.QuerySelectorAll("#inspection-worklist a").Select(a => a.GetAttribute("href")!).Where(h => h.Contains("/results/")).ToList();
        Assert.Equal(2, links.Count);
        var formUrl = links[0];
        var target = formUrl.Split('/').Last();

        var page = await portal.GetStringAsync(formUrl);
        var form = parser.ParseDocument(page);
        var codes = form.QuerySelectorAll("#result-form input[name=ItemCodes]").Select(x => x.GetAttribute("value")!).ToList();
        Assert.NotEmpty(codes);
        Assert.Null(form.QuerySelector("script"));

        Dictionary<string, string> Fields(string outcome, string penalty) => new()
        {
            ["InspectedOn"] = "2026-12-02", ["Outcome"] = outcome, ["Summary"] = "后厨未落实食品安全管理制度，已立案处罚", ["PenaltyDecision"] = penalty,
        };
        FormUrlEncodedContent Post(string html, Dictionary<string, string> fields, bool withItems = true)
        {
            var pairs = Kit.Form(html, fields).ReadAsStringAsync().Result.Split('&').Select(kv => kv.Split('=')).Select(kv => new KeyValuePair<string, string>(WebUtility.UrlDecode(kv[0]), WebUtility.UrlDecode(kv[1]))).ToList();
            if (withItems)
                foreach (var c in codes) { pairs.Add(new("ItemCodes", c)); pairs.Add(new("ItemValues", "发现问题")); }
            return new FormUrlEncodedContent(pairs);
        }

        // Errors, named by field, in Chinese; nothing published.
        var bad = parser.ParseDocument(await (await portal.PostAsync(formUrl, Post(page, Fields("penalized", ""), withItems: false))).Content.ReadAsStringAsync());
        var errors = bad.QuerySelector("#errors")!.TextContent;
        Assert.Contains("行政处罚决定书文号：检查结果为“发现问题依法处罚”的必填", errors);
        Assert.Contains("请填写该事项的检查结果", errors);
        Assert.DoesNotContain("penaltyDecision", errors);
        Assert.Empty((await p.GetJson("/api/v1/inspections/plans/FORM-2026-1/results")).Body.EnumerateArray());

        // Published, written into the records, off the worklist.
        var ok = await portal.PostAsync(formUrl, Post(page, Fields("penalized", "哈市监罚〔2026〕9201号")));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var done = parser.ParseDocument(await ok.Content.ReadAsStringAsync());
        Assert.Contains("检查结果已公示", done.QuerySelector("#result-published")!.TextContent);
        Assert.Equal(2, done.QuerySelectorAll("#credit-records a").Length);
        Assert.Equal("C", done.QuerySelector("#grade")!.TextContent);
        Assert.Null(done.QuerySelector("#result-form"));
        var plan = WebUtility.HtmlDecode(await p.Http.GetStringAsync("/inspections/FORM-2026-1"));
        Assert.Contains("哈市监罚〔2026〕9201号", plan);
        var (_, results) = await p.GetJson("/api/v1/inspections/plans/FORM-2026-1/results");
        var published = Assert.Single(results.EnumerateArray());
        Assert.Equal(target, published.GetProperty("target").GetString());
        Assert.Equal(codes, published.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("code").GetString()));
        var subject = WebUtility.HtmlDecode(await p.Http.GetStringAsync($"/subjects/{target}"));
        Assert.Contains("哈市监罚〔2026〕9201号", subject);
        Assert.Single(parser.ParseDocument(await portal.GetStringAsync("/inspections/worklist")).QuerySelectorAll("#inspection-worklist tbody tr"));

        // Again: already published, no form; another department: refused.
        var again = parser.ParseDocument(await portal.GetStringAsync(formUrl));
        Assert.NotNull(again.QuerySelector("#already-published"));
        Assert.Null(again.QuerySelector("#result-form"));
        var other = await Kit.StaffPortal(p, "HRB-SW", otherToken);
        var refused = await other.GetAsync(links[1]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("只有参加该次检查的部门可以录入检查结果", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync(links[1], Post(await other.GetStringAsync("/inspections/worklist"), Fields("compliant", "")))).StatusCode);
    }
}
