using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Publication;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>The self-query (Art. 24), the access log the subject reads (Art. 35) and its Art. 37 choice, on both stores.</summary>
public class SelfQueryTests
{
    private static readonly string Co = Uscc("MA15ELF01");
    private const string Name = "哈尔滨自查示例有限公司";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_subject_sees_all_its_records_and_who_read_its_conditional_information(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Push(p, "admin-penalty", CompanyPenalty(Name, Co, "哈市监罚〔2026〕1001号"));
        await Push(p, "court-judgment", Judgment(Name, Co, "（2026）黑0103民初1001号"));
        await Push(p, "utility-arrears", Arrears(Name, Co, "供热催〔2026〕1001号"));
        var bank = p.As(p.Account(AccountKinds.Institution, "BANK-HLJ", "黑龙江示例银行"));
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-FGW", "哈尔滨市示例发展和改革委员会"));
        var auth = p.Services.GetRequiredService<Authorizations>().Grant(
            p.Services.GetRequiredService<Xinyong.Storage.Subjects.SubjectStore>().Find(Co)!.Id, "BANK-HLJ", "贷款审批", ["court-judgment"], new DateOnly(2027, 5, 1), "subject:test");
        Assert.Equal(200, (await p.GetJson($"/api/v1/authorized/subjects/{Co}", bank)).Status);
        Assert.Equal(200, (await p.GetJson($"/api/v1/shared/subjects/{Co}?purpose=" + Uri.EscapeDataString("政府投资项目招标投标资格审查"), dept)).Status);
        // Public reads are not entered in the log.
        Assert.Equal(200, (await p.GetJson($"/api/v1/subjects/{Co}")).Status);

        // Without signing in, /self sends the visitor to the sign-in page.
        var anonymous = await Browser(p).GetAsync("/self");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/signin", anonymous.Headers.Location!.PathAndQuery);

        var self = await SignInSubject(p, Co);
        var (status, doc) = await Page(self, "/self");
        Assert.Equal(HttpStatusCode.OK, status);
        var numbers = doc.QuerySelectorAll("table.self-records tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(3, numbers.Count);
        Assert.Contains("（2026）黑0103民初1001号", numbers);
        Assert.Contains("供热催〔2026〕1001号", numbers);
        Assert.Equal("/self/report.pdf", doc.QuerySelector("a[href='/self/report.pdf']")!.GetAttribute("href"));

        var log = doc.QuerySelectorAll("#access-log-table tbody tr").Select(tr => tr.Children.Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, log.Count);
        var shared = log[0];
        Assert.Contains("HRB-FGW", shared[1]);
        Assert.Contains("哈尔滨市示例发展和改革委员会", shared[1]);
        Assert.Equal("政府投资项目招标投标资格审查", shared[3]);
        Assert.Contains("司法裁判和仲裁文书信息", shared[5]);
        Assert.DoesNotContain("公用事业欠费信息", shared[5]);
        var authorized = log[1];
        Assert.Contains("黑龙江示例银行", authorized[1]);
        Assert.Equal("贷款审批", authorized[3]);
        Assert.Equal($"授权第{auth.Id}号", authorized[4]);
        Assert.Equal("2026-11-22 10:00", authorized[0]);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_subject_may_stop_and_resume_the_publication_of_its_positive_records_but_not_of_negative_ones(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Push(p, "honour", Honour(Name, Co, "黑文明委〔2026〕9号", "黑龙江省文明单位"));
        await Push(p, "admin-penalty", CompanyPenalty(Name, Co, "哈市监罚〔2026〕1101号"));
        var honour = RecordId(p, Co, "黑文明委〔2026〕9号");
        var penalty = RecordId(p, Co, "哈市监罚〔2026〕1101号");
        var self = await SignInSubject(p, Co);

        var (_, doc) = await Page(self, "/self");
        Assert.NotNull(doc.QuerySelector($"tr[data-record='{honour}'] form button"));
        Assert.Null(doc.QuerySelector($"tr[data-record='{penalty}'] form"));

        var declined = await PostForm(self, "/self", "/self?handler=Decline", new() { ["recordId"] = honour.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal(["哈市监罚〔2026〕1101号"], Numbers((await p.GetJson($"/api/v1/subjects/{Co}")).Body));
        var events = p.Services.GetRequiredService<RecordReader>().Events(honour);
        Assert.Equal("declined-publication", Assert.Single(events).Kind);
        Assert.Equal($"subject:{Co}", events[0].Actor);
        var (_, after) = await Page(self, "/self");
        Assert.Contains("不予公示", after.QuerySelector($"tr[data-record='{honour}']")!.TextContent);

        // A negative record cannot be withheld this way.
        await PostForm(self, "/self", "/self?handler=Decline", new() { ["recordId"] = penalty.ToString() });
        Assert.False(p.Services.GetRequiredService<RecordReader>().Get(penalty)!.Withheld);

        // Another subject's record is not this subject's to decline.
        var other = Uscc("MA15ELF02");
        await Push(p, "honour", Honour("哈尔滨他人示例有限公司", other, "黑文明委〔2026〕10号"));
        var foreign = await PostForm(self, "/self", "/self?handler=Decline", new() { ["recordId"] = RecordId(p, other, "黑文明委〔2026〕10号").ToString() });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        await PostForm(self, "/self", "/self?handler=Restore", new() { ["recordId"] = honour.ToString() });
        Assert.Equal(["哈市监罚〔2026〕1101号", "黑文明委〔2026〕9号"], Numbers((await p.GetJson($"/api/v1/subjects/{Co}")).Body));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Staff_issue_a_one_time_code_that_signs_the_subject_in_once(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var person = ResidentId("19850307", 201);
        await Push(p, "admin-penalty", PersonPenaltyRow("李明辉", person, "哈道交罚〔2026〕1102号"));
        // Opening a sign-in is the agency window's duty (role window); any other staff member is refused (SecurityHoleTests).
        var staffToken = p.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount("STAFF-01", AccountKinds.Staff, "窗口工作人员", Role: StaffRoles.Window));
        var staff = Browser(p);
        var signin = await PostForm(staff, "/signin", "/signin?handler=Staff", new() { ["code"] = "STAFF-01", ["token"] = staffToken });
        Assert.Equal(HttpStatusCode.Redirect, signin.StatusCode);

        var issued = await PostForm(staff, "/staff/subject-accounts", "/staff/subject-accounts", new() { ["Code"] = person, ["Mode"] = "one-time" });
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await issued.Content.ReadAsStringAsync());
        Assert.Contains("李**", doc.QuerySelector("#done")!.TextContent);
        Assert.DoesNotContain("李明辉", doc.DocumentElement.OuterHtml);
        var code = doc.QuerySelector("#one-time-code")!.TextContent;
        Assert.Matches("^[0-9]{8}$", code);

        var subject = Browser(p);
        var first = await PostForm(subject, "/signin", "/signin?handler=Subject", new() { ["code"] = person, ["secret"] = code });
        Assert.Equal("/self", first.Headers.Location?.OriginalString);
        var (_, mine) = await Page(subject, "/self");
        Assert.Contains("李明辉", mine.QuerySelector("h1")!.TextContent);
        var again = await PostForm(Browser(p), "/signin", "/signin?handler=Subject", new() { ["code"] = person, ["secret"] = code });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // Only staff reach the page; a subject is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await subject.GetAsync("/staff/subject-accounts")).StatusCode);
        var bad = await PostForm(staff, "/staff/subject-accounts", "/staff/subject-accounts", new() { ["Code"] = person, ["Mode"] = "password", ["Password"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
