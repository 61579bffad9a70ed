using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xinyong.Measures;
using Xinyong.Storage.Accounts;
using Xinyong.Application.Cases;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Repairs;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;
using Xinyong.Application.Repairs;

namespace Xinyong.BrowserTests;

/// <summary>
/// Issue 18 items 5, 6 and 9 in headless Chromium: a subject's navigation, record buttons and repair table on a phone
/// (390 px wide, nothing wider than the screen); the 联合奖惩 check page used by a department's window staff.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PortalSubjectBrowserTests(Browser browser)
{
    private static readonly string Co = Uscc("MA1PHN001");
    private const string Name = "哈尔滨手机测试有限公司";

    private static async Task<TestPlatform> WithPenalties()
    {
        var p = await TestPlatform.Start("sqlite", now: "2026-11-02T09:00:00+08:00");
        var provider = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty"));
        var rows = new[] { ("哈市监罚〔2026〕7701号", "2026-06-01"), ("哈市监罚〔2026〕7702号", "2026-06-15"), ("哈市监罚〔2026〕7703号", "2026-10-20") }
            .Select(x => PenaltyHeaders.Zip(Penalty(Name, Co, x.Item1, x.Item2)).ToDictionary(z => z.First, z => z.Second)).ToArray();
        (await provider.PostAsJsonAsync("/api/v1/records", new { batchId = "b1", item = "admin-penalty", records = rows })).EnsureSuccessStatusCode();
        p.Services.GetRequiredService<SubjectAccounts>().SetPassword(Co, "phone-pass-1", "test");
        return p;
    }

    private static async Task SignInSubject(IPage page, TestPlatform p, string returnUrl)
    {
        await page.GotoAsync(new Uri(p.Url, "/signin?returnUrl=" + returnUrl).ToString());
        await page.FillAsync("#subjectCode", Co);
        await page.FillAsync("#secret", "phone-pass-1");
        await page.ClickAsync("#subject button[type=submit]");
        await Landed(page, returnUrl);
    }

    /// <summary>
    /// Waits until the browser has left the sign-in page and loaded <paramref name="path"/>. A glob such as <c>**/self</c>
    /// also matches the sign-in page's own address (<c>/signin?returnUrl=/self</c>), so waiting on it returned before the
    /// form's navigation and the next step read the sign-in page when the machine was slow: the path is compared instead.
    /// </summary>
    private static Task Landed(IPage page, string path) =>
        page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load });

    /// <summary>Nothing on the page is wider than the phone's screen: no sideways scrolling.</summary>
    private static async Task AssertFits(IPage page, string selector)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{page.Url} scrolls sideways");
        var box = await page.Locator(selector).First.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"{selector} is {box.Width} px wide at x={box.X}");
    }

    [BrowserFact]
    public async Task On_a_phone_a_subject_finds_its_pages_acts_on_a_record_and_reads_its_repairs_without_scrolling_sideways()
    {
        await using var p = await WithPenalties();
        var desk = p.Services.GetRequiredService<RepairDesk>();
        var subject = p.Services.GetRequiredService<SubjectStore>().Find(Co)!;
        var records = p.Services.GetRequiredService<RecordReader>().OfSubject(subject.Id);
        var first = records.Single(r => r.DocKey.Contains("7701", StringComparison.Ordinal));
        desk.Apply(new NewRepair(first.Id, "已缴清罚款并完成整改，消除不利影响", Name, "0451-86000001", null,
            new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new NewEvidence(k, k + "（已提交原件）", null)).ToList(), null)
            { Commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。" }, Filer.Online(subject));

        var phone = await browser.NewPage(phone: true);
        await SignInSubject(phone, p, "/self");
        var mine = await phone.Locator("nav.mine a").AllInnerTextsAsync();
        Assert.Equal(["我的信用", "我的消息", "我的异议", "我的修复", "授权管理"], mine.Select(t => t.Trim()));
        Assert.True(await phone.Locator("header nav a[href='/verify']").IsVisibleAsync());
        var second = records.Single(r => r.DocKey.Contains("7702", StringComparison.Ordinal));
        Assert.True(await phone.Locator($"tr[data-record='{second.Id}'] a[data-action=repair]").IsVisibleAsync());
        Assert.Equal(0, await phone.Locator($"tr[data-record='{first.Id}'] a[data-action=repair]").CountAsync());   // its repair is pending
        await AssertFits(phone, "table.self-records");
        await Browser.Screenshot(phone, "self-phone");

        await phone.ClickAsync("nav.mine a[href='/repairs']");
        await Landed(phone, "/repairs");
        await AssertFits(phone, "table.repair-list");
        Assert.Contains("哈市监罚〔2026〕7701号", await phone.InnerTextAsync("table.repair-list"));
        await Browser.Screenshot(phone, "repairs-phone");

        await phone.GotoAsync(new Uri(p.Url, "/self").ToString());
        await phone.ClickAsync($"tr[data-record='{second.Id}'] a[data-action=repair]");
        await Landed(phone, "/repairs/new");
        Assert.Equal($"?record={second.Id}", new Uri(phone.Url).Query);
        Assert.Contains("哈市监罚〔2026〕7702号", await phone.InnerTextAsync("main"));
    }

    [BrowserFact]
    public async Task A_window_clerk_checks_a_subject_on_the_web_and_reports_what_was_applied()
    {
        await using var p = await WithPenalties();
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        var recordId = p.Services.GetRequiredService<RecordReader>().OfSubject(subjectId).First().Id;
        p.Services.GetRequiredService<ListStore>().Add(new ListEntry
        {
            List = CreditListNames.Dishonesty, SubjectId = subjectId, DecidingUnit = "HRB-SJ", DecisionNo = "哈市监失信〔2026〕77号", Grounds = "第二十九条第四项",
            Reasons = "拒不履行", Basis = "《黑龙江省社会信用条例》第二十九条", RecordId = recordId, StartsOn = new DateOnly(2026, 8, 1), Published = true,
            DecidedAt = p.Clock.GetUtcNow(), DecidedBy = "HRB-SJ",
        });
        var accounts = p.Services.GetRequiredService<AccountStore>();
        accounts.AddOrUpdate(new NewAccount("HRB-CG", AccountKinds.Department, "哈尔滨市政府采购中心"));
        var token = accounts.AddOrUpdate(new NewAccount("HRB-CG-01", AccountKinds.Staff, "王窗口", Role: "unit", Unit: "HRB-CG"));

        foreach (var onPhone in new[] { false, true })
        {
            var page = await browser.NewPage(phone: onPhone);
            await page.GotoAsync(new Uri(p.Url, "/signin?returnUrl=/check").ToString());
            await page.FillAsync("#code", "HRB-CG-01");
            await page.FillAsync("#token", token);
            await page.ClickAsync("#staff button[type=submit]");
            await Landed(page, "/check");
            await page.FillAsync("#subject", Co);
            await page.SelectOptionAsync("#scenario", "procurement");
            await page.ClickAsync("#check-form button[type=submit]");
            await page.WaitForSelectorAsync("#check-result");
            Assert.True(await page.Locator("#measures tbody tr").CountAsync() > 0);
            Assert.Contains("《", await page.InnerTextAsync("#measures tbody tr td[data-label=依据]"));
            if (onPhone) await AssertFits(page, "#measures");
            await Browser.Screenshot(page, onPhone ? "check-phone" : "check-desktop");
            await page.Locator("#feedback-form input[name=Applied]").First.CheckAsync();
            await page.FillAsync("#outcome", "取消其本次政府采购投标资格");
            await page.ClickAsync("#feedback-form button[type=submit]");
            await page.WaitForSelectorAsync("#feedback-recorded");
            Assert.Contains("实施措施 1 项", await page.InnerTextAsync("#feedback-recorded"));
        }
    }
}
