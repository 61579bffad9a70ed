using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.BrowserTests;

/// <summary>The list pages without JavaScript-dependent steps: staff decide, link and lift; the public sees the list masked.</summary>
[Collection(BrowserCollection.Name)]
public class ListsPagesTests(Browser browser)
{
    private static readonly string Company = Uscc("MA1WEB001");
    private static readonly string Rep = ResidentId("19800520", 117);

    private static async Task<string> SignInStaff(IPage page, TestPlatform p)
    {
        var token = p.Account(AccountKinds.Staff, "XY-01", "公共信用工作机构");
        await page.GotoAsync(new Uri(p.Url, "/signin").ToString());
        await page.FillAsync("#code", "XY-01");
        await page.FillAsync("#token", token);
        await page.ClickAsync("#staff button[type=submit]");
        return token;
    }

    private static async Task PushPenalty(TestPlatform p)
    {
        var provider = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty"));
        var record = PenaltyHeaders.Zip(Penalty("哈尔滨网页示例有限公司", Company, "哈市监罚〔2026〕9001号", "2026-10-12")).ToDictionary(x => x.First, x => x.Second);
        var r = await provider.PostAsJsonAsync("/api/v1/records", new { batchId = "w1", item = "admin-penalty", records = new[] { record } });
        r.EnsureSuccessStatusCode();
    }

    [BrowserFact]
    public async Task Staff_decide_link_and_lift_on_forms_and_the_public_list_follows_masked()
    {
        await using var p = await TestPlatform.Start("sqlite");
        await PushPenalty(p);
        var staff = await browser.NewPage();
        await SignInStaff(staff, p);
        Assert.EndsWith("/staff", staff.Url);
        await staff.ClickAsync("text=信用名单管理");

        // The written decision: look the subject up, tick its record, state ground, reasons and number.
        await staff.ClickAsync("text=认定严重失信主体");
        await staff.FillAsync("input[name=subject]", Company);
        await staff.ClickAsync("text=查找信用主体");
        Assert.Contains("哈尔滨网页示例有限公司", await staff.InnerTextAsync("form.card"));
        await staff.CheckAsync("input[name=records]");
        await staff.SelectOptionAsync("#ground", "art29-4");
        await staff.FillAsync("#reasons", "制售假冒伪劣产品，情节严重");
        await staff.FillAsync("#decisionNo", "哈市监信认〔2026〕21号");
        await staff.ClickAsync("button:has-text('作出认定决定')");
        Assert.Matches("/staff/lists/\\d+$", staff.Url);
        Assert.Contains("在列", await staff.InnerTextAsync("main"));
        Assert.Contains("第二十九条第四项", await staff.InnerTextAsync("main"));

        // Art. 33: link the legal representative.
        await staff.FillAsync("#name", "刘示例");
        await staff.FillAsync("#idNumber", Rep);
        await staff.ClickAsync("button:has-text('关联并记入其公共信用信息')");
        Assert.Contains("已关联责任人员", await staff.InnerTextAsync("[role=status]"));
        Assert.Contains("刘示例（法定代表人", await staff.InnerTextAsync("main"));
        await Browser.Screenshot(staff, "lists-staff-entry");

        // Staff reading the person's listing is logged in the person's access log (Art. 35).
        var entryUrl = staff.Url;
        await staff.ClickAsync("main a:has-text('刘示例')");
        Assert.Contains("关联的严重失信主体", await staff.InnerTextAsync("main"));
        var person = p.Services.GetRequiredService<SubjectStore>().Find(Rep)!;
        Assert.Contains(p.Services.GetRequiredService<AccessLog>().ForSubject(person.Id), a => a.ActorKind == "staff" && a.Actor == "XY-01");
        await staff.GotoAsync(entryUrl);

        // The public list, on a phone: the company by name, the person masked.
        var visitor = await browser.NewPage(phone: true);
        await visitor.GotoAsync(new Uri(p.Url, "/lists").ToString());
        var table = await visitor.InnerTextAsync("ul.entries");
        Assert.Contains("哈尔滨网页示例有限公司", table);
        Assert.Contains("刘*", table);
        Assert.DoesNotContain("刘示例", table);
        Assert.DoesNotContain(Rep, await visitor.ContentAsync());
        await Browser.Screenshot(visitor, "lists-public-phone");
        await visitor.ClickAsync("li:has-text('哈尔滨网页示例有限公司') >> text=查看认定决定");
        Assert.Contains("救济途径", await visitor.InnerTextAsync("main"));
        Assert.Contains("三个工作日内", await visitor.InnerTextAsync("main"));

        // Lifting needs a written reason; then both leave the public list at once.
        await staff.FillAsync("#note", "行政复议决定撤销原处罚决定");
        await staff.ClickAsync("button:has-text('移出名单')");
        Assert.Contains("已移出名单", await staff.InnerTextAsync("[role=status]"));
        await visitor.GotoAsync(new Uri(p.Url, "/lists").ToString());
        Assert.Contains("暂无", await visitor.InnerTextAsync("main"));
    }

    [BrowserFact]
    public async Task The_measures_lists_are_published_and_staff_can_exempt_a_minor_act_and_see_the_counts()
    {
        await using var p = await TestPlatform.Start("sqlite");
        await PushPenalty(p);
        var visitor = await browser.NewPage(phone: true);
        await visitor.GotoAsync(new Uri(p.Url, "/lists/measures").ToString());
        var text = await visitor.InnerTextAsync("main");
        Assert.Contains("本省失信惩戒措施补充清单", text);
        Assert.Contains("限制参加政府采购、政府投资项目招标投标和公共资源交易", text);
        Assert.Contains("禁止实施未向社会公布的失信约束和惩戒措施", text);
        await Browser.Screenshot(visitor, "lists-measures-phone");

        // Anonymous visitors cannot reach staff pages.
        await visitor.GotoAsync(new Uri(p.Url, "/staff/lists/exemption").ToString());
        Assert.Contains("/signin", visitor.Url);

        var dept = p.As(p.Account(AccountKinds.Department, "HRB-ZW", "哈尔滨市政务服务中心"));
        (await dept.PostAsJsonAsync("/api/v1/checks", new { subject = Company, scenario = "licensing" })).EnsureSuccessStatusCode();

        var staff = await browser.NewPage();
        await SignInStaff(staff, p);
        await staff.GotoAsync(new Uri(p.Url, "/staff/lists/exemption?record=1").ToString());
        Assert.Contains("哈尔滨网页示例有限公司", await staff.InnerTextAsync("main"));
        foreach (var box in await staff.QuerySelectorAllAsync("input[name=conditions]")) await box.CheckAsync();
        await staff.FillAsync("#reasons", "首次违法，当日整改完毕，未造成危害后果");
        await staff.ClickAsync("button:has-text('认定免予约束和惩戒')");
        Assert.Contains("已认定免予约束和惩戒", await staff.InnerTextAsync("[role=status]"));

        await staff.GotoAsync(new Uri(p.Url, "/staff/lists/checks").ToString());
        Assert.Equal("1", await staff.InnerTextAsync("#total-checks"));
        Assert.Contains("哈尔滨市政务服务中心（HRB-ZW）", await staff.InnerTextAsync("main"));
        Assert.Contains("行政许可、证明事项等行政管理", await staff.InnerTextAsync("main"));
        await Browser.Screenshot(staff, "lists-checks");
    }
}
