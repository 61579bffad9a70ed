using System.Text;
using Microsoft.Playwright;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;

namespace Xinyong.BrowserTests;

/// <summary>A 双随机 plan from roster to published results, read and verified in the browser without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public class InspectionBrowserTests(Browser browser)
{
    [BrowserFact]
    public async Task A_plan_goes_from_roster_to_draw_to_published_results_and_its_file_verifies_on_the_portal()
    {
        await using var p = await TestPlatform.Start("sqlite", now: "2026-11-20T10:00:00+08:00");
        var sj = p.As(p.Account(AccountKinds.Department, "HRB-SJ", "哈尔滨市市场监督管理局"));
        var targets = Enumerable.Range(0, 200).Select(i => new
        {
            code = $"T{i:D3}", name = $"示例商户{i}", region = "230103", industry = "餐饮业", grade = i < 80 ? "A" : i < 140 ? "B" : i < 180 ? "C" : "D", registrationUnit = $"U{i % 4}",
        }).ToArray();
        var inspectors = Enumerable.Range(0, 6).Select(i => new
        {
            id = $"SJ{i}", name = $"检查员{i}", department = "HRB-SJ", unit = $"U{i}", qualifications = new[] { "行政执法证" }, conflicts = Array.Empty<object>(),
        }).ToArray();
        var seedAt = DateTimeOffset.Parse("2026-11-23T09:00:00+08:00");
        Assert.Equal(201, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans", new
        {
            code = "HRB-B-1", name = "餐饮业双随机抽查", scope = "南岗区餐饮业", seedAt, seedSource = "中国福利彩票双色球第2026137期开奖号码", targets, inspectors,
        })).Status);
        p.Clock.Set(seedAt.AddMinutes(1));
        var (s, drawn, _) = await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/HRB-B-1/draw", new { publicValue = "02 11 17 24 29 30 + 05", source = "中国福利彩票双色球第2026137期开奖公告" });
        Assert.Equal(200, s);
        var first = drawn.GetProperty("result").GetProperty("inspections")[0];
        var target = first.GetProperty("target").GetString()!;
        p.Clock.Set(DateTimeOffset.Parse("2026-11-25T16:00:00+08:00"));
        Assert.Equal(201, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/HRB-B-1/results", new
        {
            target, inspectedOn = "2026-11-25", outcome = "issues-corrected", summary = "后厨卫生不达标，已责令限期整改",
            items = first.GetProperty("items").EnumerateArray().Select(i => new { code = i.GetString(), result = "已检查" }),
        })).Status);
        var json = await p.Http.GetStringAsync("/api/v1/inspections/plans/HRB-B-1");

        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(p.Url, "/inspections").ToString());
        await page.ClickAsync("text=HRB-B-1");
        Assert.Contains("一致", await page.Locator("[data-verified]").InnerTextAsync());
        Assert.Contains("后厨卫生不达标", await page.Locator($"[data-result='{target}']").InnerTextAsync());
        Assert.Contains("待公示", await page.Locator("td[data-result]").Last.InnerTextAsync());
        await Browser.Screenshot(page, "inspection-plan");

        await page.GotoAsync(new Uri(p.Url, "/inspections/verify").ToString());
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "HRB-B-1.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(json) });
        await page.ClickAsync("#verify button[type=submit]");
        Assert.Contains("一致", await page.Locator("#verify-result").InnerTextAsync());
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "x.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(json.Replace("02 11 17 24 29 30 + 05", "02 11 17 24 29 31 + 05")) });
        await page.ClickAsync("#verify button[type=submit]");
        Assert.Contains("随机种子（seed）不符", await page.Locator("#verify-result").InnerTextAsync());
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_department_enters_a_result_on_the_portal_form_and_it_is_published_and_in_the_subjects_records()
    {
        await using var p = await TestPlatform.Start("sqlite", now: "2026-12-01T09:00:00+08:00");
        var token = p.Account(AccountKinds.Department, "HRB-SJ", "哈尔滨市市场监督管理局");
        var sj = p.As(token);
        var targets = Enumerable.Range(1, 4).Select(i => new
        {
            code = Shuanggongshi.Uscc($"MA1WEB10{i}"), name = $"哈尔滨网页抽查示例{i}有限公司", region = "230103", industry = "餐饮业", grade = "D", registrationUnit = "南岗区市场监督管理局",
        }).ToArray();
        var inspectors = Enumerable.Range(0, 3).Select(i => new
        {
            id = $"SJ{i}", name = $"检查员{i}", department = "HRB-SJ", unit = "执法支队", qualifications = new[] { "行政执法证" }, conflicts = Array.Empty<object>(),
        }).ToArray();
        var seedAt = DateTimeOffset.Parse("2026-12-01T10:00:00+08:00");
        Assert.Equal(201, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans", new
        {
            code = "HRB-W-1", name = "餐饮业双随机抽查（门户录入）", scope = "南岗区餐饮业D级", seedAt, seedSource = "NIST Randomness Beacon", targets, inspectors,
        })).Status);
        p.Clock.Set(seedAt);
        Assert.Equal(200, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/HRB-W-1/draw", new { publicValue = "pulse 12345", source = "NIST Randomness Beacon" })).Status);
        p.Clock.Set(DateTimeOffset.Parse("2026-12-02T15:00:00+08:00"));

        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(p.Url, "/signin").ToString());
        await page.FillAsync("#code", "HRB-SJ");
        await page.FillAsync("#token", token);
        await page.ClickAsync("#staff button[type=submit]");
        await page.GotoAsync(new Uri(p.Url, "/inspections/worklist").ToString());
        Assert.Contains("本周期已抽取", await page.Locator("#inspection-schedule tr[data-grade=D]").InnerTextAsync());
        Assert.Contains("本周期待抽取", await page.Locator("#inspection-schedule tr[data-grade=C]").InnerTextAsync());
        await Browser.Screenshot(page, "inspection-worklist");
        await page.Locator("#inspection-worklist a", new PageLocatorOptions { HasText = "录入结果" }).First.ClickAsync();
        var target = page.Url.Split('/').Last();

        // Submitted without the penalty decision: the error names the field; then completed and published.
        foreach (var input in await page.Locator("#result-form input[name=ItemValues]").AllAsync()) await input.FillAsync("发现问题");
        await page.FillAsync("#inspected-on", "2026-12-02");
        await page.SelectOptionAsync("#outcome", "penalized");
        await page.FillAsync("#summary", "后厨未落实食品安全管理制度，已立案处罚");
        await page.ClickAsync("#result-form button[type=submit]");
        Assert.Contains("行政处罚决定书文号", await page.Locator("#errors").InnerTextAsync());
        await page.FillAsync("#penalty", "哈市监罚〔2026〕9301号");
        await page.ClickAsync("#result-form button[type=submit]");
        Assert.Contains("检查结果已公示", await page.Locator("#result-published").InnerTextAsync());
        Assert.Equal("C", await page.Locator("#grade").InnerTextAsync());
        await Browser.Screenshot(page, "inspection-result-entered");

        await page.ClickAsync("text=查看抽查计划及公示结果");
        Assert.Contains("哈市监罚〔2026〕9301号", await page.Locator($"[data-result='{target}']").InnerTextAsync());
        await page.GotoAsync(new Uri(p.Url, $"/subjects/{target}").ToString());
        Assert.Contains("双随机抽查发现违法行为的行政处罚信息", await page.ContentAsync());
        await context.CloseAsync();
    }
}
