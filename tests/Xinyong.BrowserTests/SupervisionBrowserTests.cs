using Microsoft.Extensions.DependencyInjection;
using Xinyong.Identifiers;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;

namespace Xinyong.BrowserTests;

/// <summary>
/// 营商环境投诉 end to end in a browser: a citizen files a complaint on a phone-sized window (no JavaScript needed) and
/// follows it with the query code; the authority's staff review, accept, extend and close it; the complainant reads
/// the written result.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SupervisionBrowserTests(Browser browser)
{
    [BrowserFact]
    public async Task A_citizen_files_a_complaint_on_a_phone_and_staff_review_accept_extend_and_close_it()
    {
        await using var p = await TestPlatform.Start("sqlite", now: "2026-09-18T10:00:00+08:00");
        var token = p.Services.GetRequiredService<AccountStore>().AddOrUpdate(
            new NewAccount("HRB-YS-1", AccountKinds.Staff, "张办案", "city", "230100", Role: StaffRoles.Authority));
        var first17 = "11230102MB1928374";
        var bureau = first17 + Uscc.CheckCharacter(first17);

        // The citizen files from a phone: authority, respondent, category, facts, contact, an attachment.
        var phone = await browser.NewPage(phone: true);
        await phone.GotoAsync(new Uri(p.Url, "/supervision/complaint").ToString());
        await phone.SelectOptionAsync("#authority", "230100");
        await phone.FillAsync("#respondentName", "哈尔滨市道里区住房和城乡建设局");
        await phone.FillAsync("#respondentCode", bureau);
        await phone.CheckAsync("input[name=Categories][value=art8-12]");
        await phone.FillAsync("#facts", "区住建局拖欠我公司老旧小区改造工程款120万元，多次催要未付");
        await phone.FillAsync("#contract", "道里区老旧小区改造工程施工合同");
        await phone.FillAsync("#amountWan", "120");
        await phone.FillAsync("#complainantName", "哈尔滨某建筑工程有限公司");
        await phone.FillAsync("#complainantContact", "13900000000");
        await phone.SetInputFilesAsync("#attachments", new Microsoft.Playwright.FilePayload { Name = "合同.txt", MimeType = "text/plain", Buffer = "施工合同第五条：竣工验收后30日内付款"u8.ToArray() });
        await Browser.Screenshot(phone, "supervision-complaint-phone");
        await phone.ClickAsync("#complaint-submit");
        await phone.WaitForSelectorAsync("#complaint-filed");
        var number = await phone.InnerTextAsync("#case-number");
        var code = await phone.InnerTextAsync("#query-code");
        Assert.StartsWith("YS2026", number);
        Assert.Contains("2026-09-24", await phone.InnerTextAsync("#complaint-filed"));
        await Browser.Screenshot(phone, "supervision-complaint-filed-phone");

        // It follows the case with the number and the query code.
        await phone.GotoAsync(new Uri(p.Url, "/supervision/query").ToString());
        await phone.FillAsync("#number", number);
        await phone.FillAsync("#code", code);
        await phone.ClickAsync("#query-submit");
        await phone.WaitForSelectorAsync("#query-result");
        Assert.Equal("待审查", await phone.InnerTextAsync("#case-status"));

        // Staff sign in, find the case on the worklist, review (accept), extend and close it.
        var desk = await browser.NewPage();
        await desk.GotoAsync(new Uri(p.Url, "/signin?returnUrl=/supervision/cases").ToString());
        await desk.FillAsync("#code", "HRB-YS-1");
        await desk.FillAsync("#token", token);
        await desk.ClickAsync("#staff button[type=submit]");
        await desk.WaitForURLAsync("**/supervision/cases");
        Assert.Contains("营商环境问题线索审查", await desk.InnerTextAsync("#supervision-steps"));
        await desk.ClickAsync($"#supervision-cases a:text('{number}')");
        await desk.SelectOptionAsync("#outcome", "accept");
        await desk.FillAsync("#reviewReason", "有具体事实和相关证据，予以受理");
        await Browser.Submit(desk, "#form-review button[type=submit]", "#case-done");
        Assert.Equal("已受理", await desk.InnerTextAsync("#case-status"));
        Assert.Contains("2026-11-05", await desk.InnerTextAsync("li[data-step=supervision-close]"));

        await desk.FillAsync("#workingDays", "10");
        await desk.FillAsync("#approvedBy", "王局长");
        await desk.FillAsync("#extendReason", "需调取合同履行资料");
        await Browser.Submit(desk, "#form-extend button[type=submit]", "#case-done");
        Assert.Contains("2026-11-19", await desk.InnerTextAsync("li[data-step=supervision-close]"));
        // A further day is refused, in Chinese, beside the forms.
        await desk.FillAsync("#workingDays", "1");
        await desk.FillAsync("#approvedBy", "王局长");
        await desk.FillAsync("#extendReason", "再延");
        await Browser.Submit(desk, "#form-extend button[type=submit]", "#case-error");
        Assert.Contains("不得超过10个工作日", await desk.InnerTextAsync("#case-error"));
        await Browser.Screenshot(desk, "supervision-case-extended");

        await desk.SelectOptionAsync("#type", "violation");
        await desk.FillAsync("#result", "责令十五日内支付拖欠工程款");
        await desk.FillAsync("#correctBy", "2026-10-20");
        await desk.CheckAsync("#form-close input[name=Serious]");
        await desk.ClickAsync("#form-close button[type=submit]");
        await desk.WaitForSelectorAsync("#closing");
        Assert.Equal("已结案", await desk.InnerTextAsync("#case-status"));
        await desk.ClickAsync("text=办理结果告知书");
        Assert.Contains("十个工作日内", await desk.InnerTextAsync("#printable-notice"));
        await Browser.Screenshot(desk, "supervision-result-notice");

        // The complainant reads the written result and may ask for a review; the body's page shows 政务诚信.
        await phone.GotoAsync(new Uri(p.Url, "/supervision/query").ToString());
        await phone.FillAsync("#number", number);
        await phone.FillAsync("#code", code);
        await phone.ClickAsync("#query-submit");
        await phone.WaitForSelectorAsync("#query-result");
        Assert.Equal("已结案", await phone.InnerTextAsync("#case-status"));
        Assert.Contains("责令十五日内支付拖欠工程款", await phone.InnerTextAsync("#case-result"));
        Assert.True(await phone.Locator("#review-request-form").IsVisibleAsync());
        await Browser.Screenshot(phone, "supervision-query-closed-phone");
        await phone.GotoAsync(new Uri(p.Url, $"/subjects/{bureau}").ToString());
        Assert.Contains("政务诚信", await phone.InnerTextAsync("main"));
        Assert.Contains(number, await phone.InnerTextAsync("main"));
    }
}
