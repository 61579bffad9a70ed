using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>The authorized query (Art. 23-24) and sharing to departments (Art. 22), each read logged (Art. 35), on both stores.</summary>
public class AuthorizedQueryTests
{
    private static readonly string Co = Uscc("MA1AUTH01");
    private const string Name = "哈尔滨授权示例有限公司";

    private static async Task Seed(TestPlatform p)
    {
        await Push(p, "admin-penalty", CompanyPenalty(Name, Co, "哈市监罚〔2026〕0701号"));
        await Push(p, "court-judgment", Judgment(Name, Co, "（2026）黑0103民初0701号"));
        await Push(p, "utility-arrears", Arrears(Name, Co, "供热催〔2026〕0701号"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_institution_reads_conditionally_open_records_only_under_a_valid_authorization_and_every_such_read_is_logged(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Seed(p);
        var bank = p.As(p.Account(AccountKinds.Institution, "BANK-HLJ", "黑龙江示例银行"));
        p.Account(AccountKinds.Institution, "CREDIT-CO", "示例信用服务有限公司");
        var log = p.Services.GetRequiredService<AccessLog>();
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;

        // No authorization: only what is open to all, nothing logged.
        var (s0, none) = await p.GetJson($"/api/v1/authorized/subjects/{Co}", bank);
        Assert.Equal(200, s0);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, none.GetProperty("authorization").ValueKind);
        Assert.Equal(["哈市监罚〔2026〕0701号"], Numbers(none.GetProperty("subject")));
        Assert.Empty(log.ForSubject(subjectId));

        // The subject grants an authorization through its self-query: to the bank, for a purpose, court judgments only.
        var self = await SignInSubject(p, Co);
        var granted = await PostForm(self, "/self/authorizations", "/self/authorizations?handler=Grant", new()
        {
            ["Grantee"] = "BANK-HLJ", ["Purpose"] = "流动资金贷款审批", ["Scope"] = "court-judgment", ["ExpiresOn"] = "2027-02-28",
        });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        var auth = Assert.Single(p.Services.GetRequiredService<Authorizations>().OfSubject(subjectId));
        Assert.Equal("BANK-HLJ", auth.Grantee);
        Assert.Equal(new DateOnly(2027, 2, 28), auth.ExpiresOn);

        var (_, mine) = await p.GetJson("/api/v1/authorizations", bank);
        Assert.Equal(auth.Id, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetInt64());
        var (_, read) = await p.GetJson($"/api/v1/authorized/subjects/{Co}", bank);
        Assert.Equal(auth.Id, read.GetProperty("authorization").GetProperty("id").GetInt64());
        Assert.Equal(["哈市监罚〔2026〕0701号", "（2026）黑0103民初0701号"], Numbers(read.GetProperty("subject")));
        var entry = Assert.Single(log.ForSubject(subjectId));
        Assert.Equal(("institution", "BANK-HLJ", "流动资金贷款审批", (long?)auth.Id, "api"), (entry.ActorKind, entry.Actor, entry.Purpose, entry.AuthorizationId, entry.Channel));
        Assert.Contains("1条", entry.What);

        // Another institution has no authorization, and may not use the bank's.
        var other = p.As(p.Account(AccountKinds.Institution, "CREDIT-CO", "示例信用服务有限公司"));
        Assert.Equal(["哈市监罚〔2026〕0701号"], Numbers((await p.GetJson($"/api/v1/authorized/subjects/{Co}", other)).Body.GetProperty("subject")));
        Assert.Equal(403, (await p.GetJson($"/api/v1/authorized/subjects/{Co}?authorization={auth.Id}", other)).Status);
        // Only institutions may call it.
        Assert.Equal(401, (await p.GetJson($"/api/v1/authorized/subjects/{Co}")).Status);

        // After the expiry day the authorization no longer opens anything.
        p.Clock.Set(DateTimeOffset.Parse("2027-02-28T23:00:00+08:00"));
        Assert.Equal(2, Numbers((await p.GetJson($"/api/v1/authorized/subjects/{Co}", bank)).Body.GetProperty("subject")).Count);
        p.Clock.Set(DateTimeOffset.Parse("2027-03-01T09:00:00+08:00"));
        var (_, expired) = await p.GetJson($"/api/v1/authorized/subjects/{Co}", bank);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, expired.GetProperty("authorization").ValueKind);
        Assert.Equal(["哈市监罚〔2026〕0701号"], Numbers(expired.GetProperty("subject")));
        Assert.Equal(2, log.ForSubject(subjectId).Count);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_revoked_authorization_opens_nothing_and_a_bad_grant_is_refused_field_by_field(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Seed(p);
        var bank = p.As(p.Account(AccountKinds.Institution, "BANK-HLJ", "黑龙江示例银行"));
        var self = await SignInSubject(p, Co);

        var bad = await PostForm(self, "/self/authorizations", "/self/authorizations?handler=Grant", new()
        {
            ["Grantee"] = "NOBODY", ["Purpose"] = "", ["ExpiresOn"] = "2030-01-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
        Assert.Equal(["expiresOn", "grantee", "items", "purpose"], doc.QuerySelectorAll("p.error[data-field]").Select(e => e.GetAttribute("data-field")!).Order(StringComparer.Ordinal));

        await PostForm(self, "/self/authorizations", "/self/authorizations?handler=Grant", new()
        {
            ["Grantee"] = "BANK-HLJ", ["Purpose"] = "贷款审批", ["Scope"] = "utility-arrears", ["ExpiresOn"] = "2027-01-31",
        });
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        var auth = Assert.Single(p.Services.GetRequiredService<Authorizations>().OfSubject(subjectId));
        Assert.Equal(["供热催〔2026〕0701号", "哈市监罚〔2026〕0701号"], Numbers((await p.GetJson($"/api/v1/authorized/subjects/{Co}", bank)).Body.GetProperty("subject")));

        var revoked = await PostForm(self, "/self/authorizations", "/self/authorizations?handler=Revoke", new() { ["id"] = auth.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(["哈市监罚〔2026〕0701号"], Numbers((await p.GetJson($"/api/v1/authorized/subjects/{Co}", bank)).Body.GetProperty("subject")));
        Assert.Equal(403, (await p.GetJson($"/api/v1/authorized/subjects/{Co}?authorization={auth.Id}", bank)).Status);
        var (_, page) = await Page(self, "/self/authorizations");
        Assert.Contains("已于", page.QuerySelector($"tr[data-authorization='{auth.Id}']")!.TextContent);
        Assert.Contains(p.Services.GetRequiredService<AuditChain>().Recent(target: $"authorization:{auth.Id}"), a => a.Action == "authorization.revoke");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_department_reads_shared_items_for_a_declared_purpose_and_never_items_not_shared_with_it(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Seed(p);
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        var log = p.Services.GetRequiredService<AccessLog>();
        var plain = p.As(p.Account(AccountKinds.Department, "HRB-CZJ", "哈尔滨市示例财政局"));
        var utilities = p.As(p.Account(AccountKinds.Department, "HRB-ZJJ", "哈尔滨市示例住房和城乡建设局", "utility-arrears"));

        var (missing, problem) = await p.GetJson($"/api/v1/shared/subjects/{Co}", plain);
        Assert.Equal(400, missing);
        Assert.Equal("purpose", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        var (tooLong, longProblem) = await p.GetJson($"/api/v1/shared/subjects/{Co}?purpose={new string('审', 201)}", plain);
        Assert.Equal(400, tooLong);
        Assert.Equal("too-long", longProblem.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Empty(log.ForSubject(subjectId));

        var purpose = Uri.EscapeDataString("财政性资金分配审核");
        var (_, shared) = await p.GetJson($"/api/v1/shared/subjects/{Co}?purpose={purpose}", plain);
        Assert.Equal(["哈市监罚〔2026〕0701号", "（2026）黑0103民初0701号"], Numbers(shared.GetProperty("subject")));
        var (_, withUtilities) = await p.GetJson($"/api/v1/shared/subjects/{Co}?purpose={purpose}", utilities);
        Assert.Equal(3, Numbers(withUtilities.GetProperty("subject")).Count);
        var entries = log.ForSubject(subjectId);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("department", "财政性资金分配审核"), (e.ActorKind, e.Purpose)));
        Assert.Equal(["HRB-CZJ", "HRB-ZJJ"], entries.Select(e => e.Actor).Order(StringComparer.Ordinal));

        // Institutions and providers may not use the sharing channel.
        var bank = p.As(p.Account(AccountKinds.Institution, "BANK-HLJ", "黑龙江示例银行"));
        Assert.Equal(403, (await p.GetJson($"/api/v1/shared/subjects/{Co}?purpose={purpose}", bank)).Status);
    }
}
