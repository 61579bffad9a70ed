using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ObjectionBrowserTests(Browser browser)
{
    private static readonly string Co = Uscc("MA1LLQ001");
    private const string DocNo = "哈市监罚〔2026〕6601号";

    [BrowserFact]
    public async Task A_subject_files_an_objection_on_a_phone_and_the_competent_unit_decides_it()
    {
        await using var p = await TestPlatform.Start("sqlite", now: "2026-09-30T10:00:00+08:00");
        var provider = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty"));
        var row = PenaltyHeaders.Zip(Penalty("哈尔滨浏览器测试有限公司", Co, DocNo, "2026-09-10")).ToDictionary(x => x.First, x => x.Second);
        (await provider.PostAsJsonAsync("/api/v1/records", new { batchId = "b1", item = "admin-penalty", records = new[] { row } })).EnsureSuccessStatusCode();
        p.Services.GetRequiredService<SubjectAccounts>().SetPassword(Co, "browser-pass-1", "test");
        var token = p.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount("HRB-SJ-01", AccountKinds.Staff, "李审核", Role: "unit", Unit: "HRB-SJ"));

        // The subject signs in and objects to its penalty from a phone.
        var phone = await browser.NewPage(phone: true);
        await phone.GotoAsync(new Uri(p.Url, "/signin?returnUrl=/objections/new").ToString());
        await phone.FillAsync("#subjectCode", Co);
        await phone.FillAsync("#secret", "browser-pass-1");
        await phone.ClickAsync("#subject button[type=submit]");
        await phone.WaitForURLAsync("**/objections/new");
        await phone.CheckAsync("input[name=Target]");
        await phone.SelectOptionAsync("#ground", "error");
        await phone.FillAsync("#reason", "处罚内容登记错误：决定书载明罚款人民币壹万元");
        await phone.FillAsync("#applicantContact", "0451-86000000");
        await Browser.Screenshot(phone, "objection-new-phone");
        await phone.ClickAsync("form.stacked button[type=submit]");
        await phone.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/self/cases/\d+$"));
        Assert.Equal("处理中", await phone.InnerTextAsync("#status"));
        Assert.True(await phone.Locator(".record .mark-objection").IsVisibleAsync());
        Assert.Contains("2026-10-08", await phone.InnerTextAsync("li[data-code=objection-mark] .due"));
        Assert.Equal("2026-10-10", await phone.InnerTextAsync("#decision-due"));
        Assert.Contains("第三十九条", await phone.InnerTextAsync("li[data-code=objection-decision]"));
        await Browser.Screenshot(phone, "objection-filed-phone");
        var objectionUrl = phone.Url;

        // The record shows the objection mark wherever it is shown, at once.
        var subject = JsonDocument.Parse(await p.Http.GetStringAsync($"/api/v1/subjects/{Co}")).RootElement;
        Assert.True(subject.GetProperty("records")[0].GetProperty("underObjection").GetBoolean());

        // The competent unit's staff finds it on the worklist and upholds it with a correction.
        var desk = await browser.NewPage();
        await desk.GotoAsync(new Uri(p.Url, "/signin?returnUrl=/staff/worklist").ToString());
        await desk.FillAsync("#code", "HRB-SJ-01");
        await desk.FillAsync("#token", token);
        await desk.ClickAsync("#staff button[type=submit]");
        await desk.WaitForURLAsync("**/staff/worklist");
        Assert.Contains("异议处理决定", await desk.InnerTextAsync("#worklist"));
        await Browser.Screenshot(desk, "staff-worklist");
        await desk.ClickAsync("#worklist a");
        await desk.CheckAsync("input[name=decision][value=correct]");
        await desk.FillAsync("#reasons", "经核对处罚决定书原件，罚款金额为壹万元");
        await desk.ClickAsync("#decide summary");
        await desk.FillAsync("#field-content", "罚款人民币壹万元");
        await desk.FillAsync("#field-fineWan", "1");
        await desk.ClickAsync("#decide button[type=submit]");
        await desk.WaitForSelectorAsync("#decision");
        Assert.Equal("异议成立，已更正", await desk.InnerTextAsync("#status"));
        Assert.Contains("经核对处罚决定书原件", await desk.InnerTextAsync("#decision"));
        Assert.Equal(0, await desk.Locator(".record .mark-objection").CountAsync());
        await Browser.Screenshot(desk, "staff-objection-decided");

        // The applicant sees the decision; the corrected record is what everyone now sees.
        await phone.GotoAsync(objectionUrl);
        Assert.Equal("异议成立，已更正", await phone.InnerTextAsync("#status"));
        Assert.Equal("罚款人民币壹万元", await phone.InnerTextAsync(".record dd[data-field=content]"));
        var after = JsonDocument.Parse(await p.Http.GetStringAsync($"/api/v1/subjects/{Co}")).RootElement.GetProperty("records")[0];
        Assert.Equal("罚款人民币壹万元", after.GetProperty("fields").GetProperty("content").GetString());
        Assert.False(after.GetProperty("underObjection").GetBoolean());
        await phone.GotoAsync(new Uri(p.Url, "/notifications").ToString());
        Assert.Contains("异议处理决定", await phone.InnerTextAsync("main"));
    }
}
