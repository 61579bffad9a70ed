using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.BrowserTests;

/// <summary>
/// 信用承诺 in the browser (no JavaScript): a licensing unit's staff accept a commitment on the intake page, find its
/// verification on the worklist, enter a breach on the verification page, and the next intake is refused inline with
/// the reason and C-45; the commitment is on 信用承诺公示.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CommitmentBrowserTests(Browser browser)
{
    [BrowserFact]
    public async Task A_unit_accepts_a_commitment_verifies_it_as_breached_and_the_next_one_is_refused()
    {
        await using var p = await TestPlatform.Start("sqlite", now: "2026-02-02T10:00:00+08:00");
        var co = Uscc("MA1CMB001");
        p.Account(AccountKinds.Department, "HRB-SCJG", "哈尔滨市示例市场监督管理局");
        var token = p.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount("SCJG-01", AccountKinds.Staff, "王核查", Role: "unit", Unit: "HRB-SCJG"));

        var desk = await browser.NewPage();
        await desk.GotoAsync(new Uri(p.Url, "/signin?returnUrl=/staff/commitments").ToString());
        await desk.FillAsync("#code", "SCJG-01");
        await desk.FillAsync("#token", token);
        await desk.ClickAsync("#staff button[type=submit]");
        await desk.WaitForURLAsync("**/staff/commitments");

        // Intake: the subject, the matter, the type, the signed text and the decision.
        await desk.FillAsync("#subject", co);
        await desk.FillAsync("#subjectName", "哈尔滨承诺浏览器测试有限公司");
        await desk.SelectOptionAsync("#matter", "food-business-licence");
        await desk.SelectOptionAsync("#type", "approval-conditions");
        await desk.FillAsync("#text", "本单位承诺经营场所和设施符合食品经营许可条件。");
        await desk.FillAsync("#decisionDate", "2026-01-30");
        await desk.ClickAsync("#commitment-intake button[type=submit]");
        await desk.WaitForSelectorAsync("#commitment");
        Assert.Equal("2026-03-30", await desk.InnerTextAsync("#verification-due"));
        await Browser.Screenshot(desk, "commitment-accepted");

        // The verification is on the unit's worklist, and leads back to the commitment.
        await desk.GotoAsync(new Uri(p.Url, "/staff/worklist").ToString());
        Assert.Contains("信用承诺核查", await desk.InnerTextAsync("#worklist"));
        await desk.ClickAsync("#worklist a[href^='/staff/commitments/']");
        await desk.WaitForSelectorAsync("#verification");

        // Verified as breached: the case closes and the breach is recorded.
        await desk.CheckAsync("input[name=Outcome][value=breached]");
        await desk.FillAsync("#reason", "现场核查，经营场所与承诺不符");
        await desk.SelectOptionAsync("#finding", "虚假承诺");
        await desk.FillAsync("#measure", "撤销食品经营许可");
        await desk.ClickAsync("#verification button[type=submit]");
        await desk.WaitForSelectorAsync("#state[data-state=breached]");
        Assert.Contains("已记入未履行信用承诺及虚假承诺信息", await desk.InnerTextAsync("ol.history"));
        await Browser.Screenshot(desk, "commitment-breached");

        // The next commitment of the same subject is refused inline, naming the reason and the measure.
        await desk.GotoAsync(new Uri(p.Url, "/staff/commitments").ToString());
        await desk.FillAsync("#subject", co);
        await desk.SelectOptionAsync("#matter", "food-business-licence");
        await desk.SelectOptionAsync("#type", "approval-conditions");
        await desk.FillAsync("#text", "再次承诺。");
        await desk.ClickAsync("#commitment-intake button[type=submit]");
        var refused = await desk.InnerTextAsync("[data-code=ineligible]");
        Assert.Contains("C-45", refused);
        Assert.Contains("虚假承诺", refused);

        // Published on 信用承诺公示.
        var pub = await browser.NewPage();
        await pub.GotoAsync(new Uri(p.Url, "/commitments").ToString());
        await pub.FillAsync("input[name=Subject]", "承诺浏览器测试");
        await pub.ClickAsync("#commitment-search button[type=submit]");
        Assert.Contains("未履行或虚假承诺", await pub.InnerTextAsync("#commitments"));
        await Browser.Screenshot(pub, "commitments-public");
    }
}
