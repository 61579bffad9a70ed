using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Objections;

/// <summary>
/// A unit asked to help verify an objection (Art. 39) reads it — its department account and its deciding staff — on the
/// generic case page as through the API, as it did on the objection's own pages before objections moved onto the case
/// engine; a department not asked reads it nowhere, and reads no repair.
/// </summary>
public class AssistingUnitReadTests
{
    private static readonly string Co = Uscc("MA1XHC001");
    private const string Asked = "HRB-CG";
    private const string NotAsked = "HRB-FG";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_assisting_department_reads_the_objection_on_the_case_page_and_through_the_api(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        var record = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕7301号", "2026-08-03", "哈尔滨协助核查测试有限公司");
        var repairRecord = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕7302号", "2026-05-20", "哈尔滨协助核查测试有限公司");
        var subject = await Kit.Subject(p, Co);
        var (s1, o, _) = await TestPlatform.PostJson(subject, "/api/v1/objections",
            new { recordId = record, reason = "处罚决定书文号有误", applicant = new { name = "某公司", contact = "0451-1" } });
        Assert.Equal(201, s1);
        var id = o.GetProperty("id").GetInt64();
        var number = p.Services.GetRequiredService<Xinyong.Storage.Cases.CaseStore>().Get(id)!.Number;
        var askedToken = p.Account(AccountKinds.Department, Asked, "哈尔滨市政府采购中心");
        var notAskedToken = p.Account(AccountKinds.Department, NotAsked, "哈尔滨市发展和改革委员会");
        var (_, unitStaff) = Kit.Staff(p, "SJ-01", Kit.Provider, "unit");
        var (s2, _, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/assistance", new { unit = Asked, question = "请核实处罚决定书文号" });
        Assert.Equal(200, s2);
        var (s3, r, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", new
        {
            recordId = repairRecord, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已缴清罚款并完成整改", applicant = new { name = "某公司", contact = "0451-5" },
            evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = k }).ToArray(),
        });
        Assert.Equal(201, s3);
        var repair = r.GetProperty("id").GetInt64();

        var asked = await Kit.StaffPortal(p, Asked, askedToken);
        var notAsked = await Kit.StaffPortal(p, NotAsked, notAskedToken);

        // The portal: the generic case page, and the old addresses that lead to it.
        var page = await asked.GetAsync($"/staff/cases/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(number, html);
        Assert.Contains("请核实处罚决定书文号", html);   // the question it was asked
        Assert.Contains("哈市监罚〔2026〕7301号", html);
        Assert.DoesNotContain("name=\"decision\"", html);   // it reads; the unit's forms are staff's
        foreach (var old in new[] { $"/self/cases/{id}", $"/objections/{id}", $"/staff/objections/{id}" })
        {
            var hop = await asked.GetAsync(old);
            for (var i = 0; i < 3 && hop.StatusCode == HttpStatusCode.Redirect; i++) hop = await asked.GetAsync(hop.Headers.Location!);
            Assert.Equal(HttpStatusCode.OK, hop.StatusCode);
            Assert.Equal($"/staff/cases/{id}", hop.RequestMessage!.RequestUri!.AbsolutePath);
        }
        // The page's read enters the subject's access log, as the API's does (Art. 35).
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        Assert.Contains(p.Services.GetRequiredService<AccessLog>().ForSubject(subjectId), e => e.Actor == Asked && e.Channel == "portal");

        // The API, with the department's token.
        var api = await p.As(askedToken).GetAsync($"/api/v1/objections/{id}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);

        // The staff of the asked unit (when a unit's staff, not only its account, is asked) read it too.
        p.Account(AccountKinds.Provider, "HRB-XX", "哈尔滨市示例另一监督管理局", "admin-penalty");
        var (s4, _, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/assistance", new { unit = "HRB-XX", question = "请核实送达情况" });
        Assert.Equal(200, s4);
        var (xxToken, _) = Kit.Staff(p, "XX-01", "HRB-XX", "unit");
        Assert.Equal(HttpStatusCode.OK, (await (await Kit.StaffPortal(p, "XX-01", xxToken)).GetAsync($"/staff/cases/{id}")).StatusCode);

        // A department not asked reads it nowhere; the asked one reads no repair (it is no party to it).
        Assert.Equal(HttpStatusCode.Forbidden, (await notAsked.GetAsync($"/staff/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await p.As(notAskedToken).GetAsync($"/api/v1/objections/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asked.GetAsync($"/staff/cases/{repair}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asked.GetAsync("/staff/cases/999999")).StatusCode);   // the same answer, case or no case
        Assert.Equal(HttpStatusCode.Forbidden, (await p.As(askedToken).GetAsync($"/api/v1/repairs/{repair}")).StatusCode);
    }
}
