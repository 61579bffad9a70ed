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
}
