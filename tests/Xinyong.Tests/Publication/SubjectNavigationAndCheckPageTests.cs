using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Measures;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Application.Checks;
using Xinyong.Storage.Checks;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>
/// Issue 18 items 5 and 6: a signed-in subject's navigation and the 提出异议 / 申请信用修复 buttons on its own records;
/// the 联合奖惩 check page for departments and their window staff, on both stores.
/// </summary>
public class SubjectNavigationAndCheckPageTests
{
    private static readonly string Co = Uscc("MA1NAB001");
    private const string Name = "哈尔滨导航测试有限公司";

    private static List<string> Links(AngleSharp.Dom.IDocument doc, string selector) =>
        doc.QuerySelectorAll(selector).Select(a => a.GetAttribute("href")!).ToList();

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_signed_in_subject_finds_its_pages_in_the_navigation_and_the_actions_on_each_record(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        var old = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕8801号", "2026-07-01", Name);    // 4 months: repairable
        var recent = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕8802号", "2026-10-20", Name); // too early to repair
        await Push(p, "honour", Honour(Name, Co, "黑文明委〔2026〕88号"));
        var honour = RecordId(p, Co, "黑文明委〔2026〕88号");

        // Everyone: /verify in the navigation; no subject navigation.
        var (_, anonymous) = await Page(Browser(p), "/");
        Assert.Contains("/verify", Links(anonymous, "header nav a"));
        Assert.Empty(Links(anonymous, "nav.mine a"));

        var subject = await Kit.Subject(p, Co);
        var (status, self) = await Page(subject, "/self");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["/self", "/notifications", "/objections", "/repairs", "/self/authorizations"], Links(self, "nav.mine a"));
        Assert.Equal(["我的信用", "我的消息", "我的异议", "我的修复", "授权管理"], self.QuerySelectorAll("nav.mine a").Select(a => a.TextContent.Trim()));
        Assert.Contains("/verify", Links(self, "header nav a"));

        string[] Actions(AngleSharp.Dom.IDocument doc, long id) =>
            doc.QuerySelectorAll($"tr[data-record='{id}'] a[data-action]").Select(a => a.TextContent.Trim()).ToArray();
        Assert.Equal(["提出异议", "申请信用修复"], Actions(self, old));
        Assert.Equal(["提出异议"], Actions(self, recent));    // the minimum disclosure period has not passed
        Assert.Equal(["提出异议"], Actions(self, honour));    // positive: nothing to repair
        Assert.Equal($"/repairs/new?record={old}", self.QuerySelector($"tr[data-record='{old}'] a[data-action=repair]")!.GetAttribute("href"));
        Assert.Equal($"/objections/new?record={old}", self.QuerySelector($"tr[data-record='{old}'] a[data-action=objection]")!.GetAttribute("href"));

        // The links open the forms with the record chosen.
        var (_, repairForm) = await Page(subject, $"/repairs/new?record={old}");
        Assert.NotNull(repairForm.QuerySelector("textarea, input[name=Statement]"));
        var (_, objectionForm) = await Page(subject, $"/objections/new?record={recent}");
        Assert.True(objectionForm.QuerySelector($"input[name=Target][value='record:{recent}']")!.HasAttribute("checked"));

        // The record's own page offers the same buttons.
        var (_, detail) = await Page(subject, $"/self/records/{old}");
        Assert.Equal(["提出异议", "申请信用修复"], detail.QuerySelectorAll("a[data-action]").Select(a => a.TextContent.Trim()));

        // Once an objection is open and a repair is pending, neither is offered again for that record.
        var (s1, _, _) = await TestPlatform.PostJson(subject, "/api/v1/objections", new
        {
            recordId = old, ground = "error", reason = "处罚金额登记错误", applicant = new { name = Name, contact = "0451-2" },
        });
        Assert.Equal(201, s1);
        var (s2, _, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", new
        {
            recordId = old, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已缴清罚款", applicant = new { name = Name, contact = "0451-2" },
            evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = k }),
        });
        Assert.Equal(201, s2);
        var (_, after) = await Page(subject, "/self");
        Assert.Empty(Actions(after, old));
    }

    /// <summary>A company on the dishonesty list (procurement measures apply) and the accounts that check it.</summary>
    private static async Task<TestPlatform> Listed(string store)
    {
        var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕8803号", "2026-07-01", Name);
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        p.Services.GetRequiredService<ListStore>().Add(new ListEntry
        {
            List = CreditListNames.Dishonesty, SubjectId = subjectId, DecidingUnit = Kit.Provider, DecisionNo = "哈市监失信〔2026〕88号", Grounds = "第二十九条第四项",
            Reasons = "拒不履行", Basis = "《黑龙江省社会信用条例》第二十九条", RecordId = recordId, StartsOn = new DateOnly(2026, 8, 1), Published = true,
            DecidedAt = p.Clock.GetUtcNow(), DecidedBy = Kit.Provider,
        });
        return p;
    }

    private static async Task<HttpClient> SignIn(TestPlatform p, NewAccount account)
    {
        var token = p.Services.GetRequiredService<AccountStore>().AddOrUpdate(account);
        return await Kit.StaffPortal(p, account.Code, token);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Window_staff_check_a_subject_see_the_measures_with_their_basis_and_report_the_result(string store)
    {
        await using var p = await Listed(store);
        p.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount("HRB-CG", AccountKinds.Department, "哈尔滨市政府采购中心"));
        var window = await SignIn(p, new NewAccount("HRB-CG-01", AccountKinds.Staff, "王窗口", Role: "unit", Unit: "HRB-CG"));

        var (status, form) = await Page(window, "/check");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("哈尔滨市政府采购中心", form.QuerySelector("#department")!.TextContent);
        Assert.Contains("/check", Links(form, "header nav a"));
        Assert.NotNull(form.QuerySelector("#scenario option[value=procurement]"));

        var checkedPage = await PostForm(window, "/check", "/check?handler=Check", new() { ["Subject"] = Co, ["Scenario"] = "procurement" });
        Assert.Equal(HttpStatusCode.OK, checkedPage.StatusCode);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await checkedPage.Content.ReadAsStringAsync());
        var rows = doc.QuerySelectorAll("#measures tbody tr");
        Assert.NotEmpty(rows);
        var expected = (await p.Services.GetRequiredService<CheckService>().Evaluate(Co, "procurement")).Measures;
        Assert.Equal(expected.Select(m => m.Measure.Code), rows.Select(r => r.GetAttribute("data-measure")));
        Assert.Equal(expected[0].Measure.Basis, rows[0].QuerySelector("td[data-label=依据]")!.TextContent);
        var checkId = doc.QuerySelector("#check-id")!.TextContent;

        // Logged like an API check: the counts, and the subject's access log, under the department's code.
        var stats = p.Services.GetRequiredService<CheckService>().Stats(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        Assert.Equal(1, stats.Total.Checks);
        Assert.Equal("HRB-CG", Assert.Single(stats.ByDepartment).Key);
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        Assert.Contains(p.Services.GetRequiredService<AccessLog>().ForSubject(subjectId), e => e.Actor == "HRB-CG");

        // The feedback form: an empty outcome is refused in Chinese; then the result is recorded once.
        var html = await checkedPage.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var code = expected[0].Measure.Code;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("CheckId", checkId), new("Returned", $"{code}|{expected[0].Measure.Name}"), new("Applied", code),
            new("Outcome", ""), new("__RequestVerificationToken", token),
        };
        var empty = WebUtility.HtmlDecode(await (await window.PostAsync("/check?handler=Feedback", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        Assert.Contains("请填写实施结果", empty);
        Assert.Contains("feedback-form", empty);   // the form is shown again with the check's measures
        fields[3] = new("Outcome", "取消其本次政府采购投标资格");
        var done = WebUtility.HtmlDecode(await (await window.PostAsync("/check?handler=Feedback", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        Assert.Contains("已反馈核查结果", done);
        Assert.Equal(1, p.Services.GetRequiredService<CheckService>().Stats(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)).Total.Feedback);
        var again = WebUtility.HtmlDecode(await (await window.PostAsync("/check?handler=Feedback", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        Assert.Contains("该核查已反馈结果", again);
        Assert.DoesNotContain("feedback was already", again);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Only_departments_and_their_window_staff_may_check(string store)
    {
        await using var p = await Listed(store);
        var department = await SignIn(p, new NewAccount("HRB-ZJ", AccountKinds.Department, "哈尔滨市住房和城乡建设局"));
        var (ok, page) = await Page(department, "/check");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.NotNull(page.QuerySelector("#check-form"));
        var answered = WebUtility.HtmlDecode(await (await PostForm(department, "/check", "/check?handler=Check", new() { ["Subject"] = Co, ["Scenario"] = "licensing" })).Content.ReadAsStringAsync());
        Assert.Contains("check-result", answered);
        var invalid = WebUtility.HtmlDecode(await (await PostForm(department, "/check", "/check?handler=Check", new() { ["Subject"] = "91230100MA1B2C3D4", ["Scenario"] = "licensing" })).Content.ReadAsStringAsync());
        Assert.Contains("不是有效的统一社会信用代码或公民身份号码", invalid);
        Assert.DoesNotContain("not a valid", invalid);

        // The credit agency's staff (no department), a provider and a subject are refused; anonymous visitors sign in first.
        var agency = await SignIn(p, new NewAccount("AGENCY-09", AccountKinds.Staff, "平台工作人员", Role: "agency"));
        var provider = await SignIn(p, new NewAccount("HRB-PROV", AccountKinds.Provider, "某提供单位", Items: ["admin-penalty"]));
        var subject = await Kit.Subject(p, Co);
        foreach (var c in new[] { agency, provider, subject })
        {
            var (denied, doc) = await Page(c, "/check");
            Assert.DoesNotContain("/check", Links(doc, "header nav a"));   // not offered a page it cannot use
            Assert.Equal(HttpStatusCode.Forbidden, denied);
            Assert.NotNull(doc.QuerySelector("#denied"));
            Assert.Null(doc.QuerySelector("#check-form"));
            var post = await c.PostAsync("/check?handler=Check", new FormUrlEncodedContent(new Dictionary<string, string> { ["Subject"] = Co, ["Scenario"] = "licensing" }));
            Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        }
        var anonymous = await Browser(p).GetAsync("/check");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/signin", anonymous.Headers.Location!.PathAndQuery);
        Assert.Equal(1, p.Services.GetRequiredService<CheckService>().Stats(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)).Total.Checks);
    }
}
