using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xinyong.Identifiers;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;

namespace Xinyong.BrowserTests;

/// <summary>
/// What follows a supervision case, through the portal on a phone-sized window: the SM Art. 23 escalation of a missed
/// correction date from the worklist, the SM Art. 28 publication of a typical case (the complainant masked), a respondent
/// named without its USCC completed with it, and the level above (SM Art. 24-25): a review request entered for the
/// complainant, a refused case ordered accepted, a case taken over (then paused for testing and suspended, SM Art. 20-21)
/// and a closed case ordered handled again.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SupervisionOversightBrowserTests(Browser browser)
{
    private static async Task<JsonElement> Post(TestPlatform p, HttpClient client, string path, object body)
    {
        var (status, json, _) = await TestPlatform.PostJson(client, path, body);
        Assert.True(status is 200 or 201, $"{path}: {status} {json}");
        return json;
    }

    private async Task<IPage> SignIn(TestPlatform p, string code, string token)
    {
        var page = await browser.NewPage(phone: true);
        await page.GotoAsync(new Uri(p.Url, "/signin?returnUrl=/supervision/cases").ToString());
        await page.FillAsync("#code", code);
        await page.FillAsync("#token", token);
        await page.ClickAsync("#staff button[type=submit]");
        await page.WaitForURLAsync("**/supervision/cases");
        return page;
    }

    private static async Task Submit(IPage page, string form)
    {
        await Browser.Submit(page, $"#{form} button[type=submit]", "#case-done, #case-error");
        Assert.Null(await page.QuerySelectorAsync("#case-error"));
    }

    [BrowserFact]
    public async Task The_level_above_escalation_publication_and_respondent_completion_work_through_the_portal_on_a_phone()
    {
        await using var p = await TestPlatform.Start("sqlite", now: "2026-09-18T10:00:00+08:00");
        var accounts = p.Services.GetRequiredService<AccountStore>();
        var cityToken = accounts.AddOrUpdate(new NewAccount("HRB-YS-1", AccountKinds.Staff, "张办案", "city", "230100", Role: StaffRoles.Authority));
        var provToken = accounts.AddOrUpdate(new NewAccount("HLJ-YS-1", AccountKinds.Staff, "李复查", "province", "230000", Role: StaffRoles.Authority));
        var city = p.As(cityToken);
        var first17 = "11230102MB1928374";
        var bureau = first17 + Uscc.CheckCharacter(first17);
        object Clue(string facts, object respondent) => new
        {
            channel = "complaint", categories = new[] { "art8-6" }, respondent, facts,
            complainant = new { name = "哈尔滨某建筑工程有限公司", contact = "13900000000" },
        };

        // Three cases of the city authority: one closed with an order to correct by 09-30, one (the body named only) refused,
        // one waiting for review.
        var c1 = await Post(p, city, "/api/v1/supervision/cases", Clue("目录清单之外收取施工保证金二十万元", new { code = bureau, name = "哈尔滨市道里区住房和城乡建设局" }));
        var id1 = c1.GetProperty("id").GetInt64();
        await Post(p, city, $"/api/v1/supervision/cases/{id1}/review", new { outcome = "accept", reason = "受理" });
        await Post(p, city, $"/api/v1/supervision/cases/{id1}/closing", new { type = "violation", result = "责令退还保证金", serious = false, correctBy = "2026-09-30" });
        var c2 = await Post(p, city, "/api/v1/supervision/cases", Clue("目录清单之外收取入场保证金五万元", new { name = "哈尔滨市道里区某某服务中心" }));
        var id2 = c2.GetProperty("id").GetInt64();
        await Post(p, city, $"/api/v1/supervision/cases/{id2}/review", new { outcome = "reject", reason = "不属于受理范围", rejectReason = "no-power" });
        var c3 = await Post(p, city, "/api/v1/supervision/cases", Clue("目录清单之外收取评审费三千元", new { code = bureau, name = "哈尔滨市道里区住房和城乡建设局" }));
        var id3 = c3.GetProperty("id").GetInt64();

        p.Clock.Advance(TimeSpan.FromDays(20));   // 2026-10-08: the correction date has passed

        // SM Art. 23: the worklist lists the missed correction; the handler escalates it from the case page.
        var desk = await SignIn(p, "HRB-YS-1", cityToken);
        Assert.Contains(c1.GetProperty("number").GetString()!, await desk.InnerTextAsync("#overdue-corrections"));
        await desk.ClickAsync($"#overdue-corrections a:text('{c1.GetProperty("number").GetString()}')");
        await desk.FillAsync("#opinion", "提请道里区人民政府作出处理决定");
        await Submit(desk, "form-escalate");
        Assert.Contains("第二十三条", await desk.InnerTextAsync("#case-done"));
        Assert.Contains("提请道里区人民政府作出处理决定", await desk.InnerTextAsync("#case-history"));
        await desk.GotoAsync(new Uri(p.Url, "/supervision/cases").ToString());
        Assert.Null(await desk.QuerySelectorAsync("#overdue-corrections"));

        // SM Art. 28: published as a typical case; the public page shows it with the complainant masked.
        await desk.GotoAsync(new Uri(p.Url, $"/supervision/cases/{id1}").ToString());
        await desk.FillAsync("#summary", "哈尔滨某建筑工程有限公司反映区住建局在目录清单之外收取施工保证金，经查属实，责令退还");
        await Submit(desk, "form-publish");
        var visitor = await browser.NewPage(phone: true);
        await visitor.GotoAsync(new Uri(p.Url, "/supervision/typical").ToString());
        var typical = await visitor.InnerTextAsync("#typical-cases");
        Assert.Contains("在目录清单之外收取施工保证金", typical);
        Assert.DoesNotContain("哈尔滨某建筑工程有限公司", typical);
        await Browser.Screenshot(visitor, "supervision-typical-phone");

        // A respondent named without its USCC is completed with it; the case then links the body's subject page.
        await desk.GotoAsync(new Uri(p.Url, $"/supervision/cases/{id2}").ToString());
        await desk.FillAsync("#respondentCode", bureau);
        await Submit(desk, "form-respondent");
        Assert.Equal($"/subjects/{bureau}", await desk.GetAttributeAsync("#respondent-subject", "href"));

        // The level above (SM Art. 24-25) on its own phone: a review request entered for the complainant on the closed
        // case, the refused case ordered accepted, the waiting case taken over, the closed case ordered handled again.
        var upper = await SignIn(p, "HLJ-YS-1", provToken);
        await upper.GotoAsync(new Uri(p.Url, $"/supervision/cases/{id1}").ToString());
        await upper.FillAsync("#rrReason", "投诉人认为处理过轻，电话申请复查");
        await Submit(upper, "form-review-request");
        Assert.Contains("复查申请已登记", await upper.InnerTextAsync("#case-done"));

        await upper.GotoAsync(new Uri(p.Url, $"/supervision/cases/{id2}").ToString());
        await upper.SelectOptionAsync("#action", "order-accept");
        await upper.FillAsync("#superiorReason", "属于受理范围，责令受理");
        await Submit(upper, "form-superior");
        Assert.Equal("已受理", await upper.InnerTextAsync("#case-status"));

        await upper.GotoAsync(new Uri(p.Url, $"/supervision/cases/{id3}").ToString());
        await upper.SelectOptionAsync("#action", "take-over");
        await upper.FillAsync("#superiorReason", "案情重大，由省营商环境主管部门直接办理");
        await Submit(upper, "form-superior");
        Assert.Equal("已受理", await upper.InnerTextAsync("#case-status"));
        var (_, taken) = await p.GetJson($"/api/v1/supervision/cases/{id3}", p.As(provToken));
        Assert.Equal("230000", taken.GetProperty("authority").GetString());

        // The province handles it: testing on 10-08..10-09 (SM Art. 20 (2)) and a suspension from 10-10 resumed with
        // 10-12 as its last day (SM Art. 21) move the closing date later each time.
        const string closeDue = "li[data-step=supervision-close][data-state=open] .due";
        var due0 = DateOnly.Parse(await upper.InnerTextAsync(closeDue));
        await upper.SelectOptionAsync("#pauseReason", "testing");
        await upper.FillAsync("#from", "2026-10-08");
        await upper.FillAsync("#to", "2026-10-09");
        await upper.FillAsync("#pauseNote", "委托检测");
        await Submit(upper, "form-pause");
        var due1 = DateOnly.Parse(await upper.InnerTextAsync(closeDue));
        Assert.True(due1 > due0, $"{due1} after {due0}");
        p.Clock.Advance(TimeSpan.FromDays(2));   // 2026-10-10, a working Saturday (the sign-in lapsed meanwhile)
        upper = await SignIn(p, "HLJ-YS-1", provToken);
        await upper.GotoAsync(new Uri(p.Url, $"/supervision/cases/{id3}").ToString());
        await upper.SelectOptionAsync("#pauseReason", "suspension-pending-case");
        await upper.FillAsync("#from", "2026-10-10");
        await upper.FillAsync("#pauseNote", "等待仲裁裁决");
        await Submit(upper, "form-pause");
        p.Clock.Advance(TimeSpan.FromDays(3));   // 2026-10-13
        upper = await SignIn(p, "HLJ-YS-1", provToken);
        await upper.GotoAsync(new Uri(p.Url, $"/supervision/cases/{id3}").ToString());
        await upper.FillAsync("#lastDay", "2026-10-12");
        await Submit(upper, "form-resume");
        var due2 = DateOnly.Parse(await upper.InnerTextAsync(closeDue));
        Assert.True(due2 > due1, $"{due2} after {due1}");
        Assert.Contains("中止", await upper.InnerTextAsync("main"));

        await upper.GotoAsync(new Uri(p.Url, $"/supervision/cases/{id1}").ToString());
        await upper.SelectOptionAsync("#action", "order-redo");
        await upper.FillAsync("#superiorReason", "事实不清，责令重新办理");
        await Submit(upper, "form-superior");
        Assert.Equal("已受理", await upper.InnerTextAsync("#case-status"));
        await Browser.Screenshot(upper, "supervision-superior-phone");
    }
}
