using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Measures;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Repairs;

/// <summary>
/// Bankruptcy reorganisation (国办发〔2025〕22号) on both stores: the ruling suspends the measures the checks apply (and
/// says so), failure restores them, completion repairs the dishonesty decided by the ruling and ends them.
/// </summary>
public class ReorganisationTests
{
    private static readonly string Co = Uscc("MA1CQ0001");

    private static async Task<JsonElement> Check(HttpClient department)
    {
        var (status, answer, _) = await TestPlatform.PostJson(department, "/api/v1/checks", new { subject = Co, scenario = "procurement" });
        Assert.Equal(200, status);
        return answer;
    }

    private static List<string> Codes(JsonElement measures) => measures.EnumerateArray().Select(m => m.GetProperty("code").GetString()!).ToList();

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_ruling_suspends_the_measures_failure_restores_them_and_completion_ends_them(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        var recordId = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕8801号", "2026-05-20", "哈尔滨重整测试有限公司");
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        var lists = p.Services.GetRequiredService<ListStore>();
        var entry = lists.Add(new ListEntry
        {
            List = CreditListNames.Dishonesty, SubjectId = subjectId, DecidingUnit = Kit.Provider, DecisionNo = "哈市监失信〔2026〕88号", Grounds = "第二十九条第四项",
            Reasons = "拒不履行", Basis = "《黑龙江省社会信用条例》第二十九条", RecordId = recordId, StartsOn = new DateOnly(2026, 6, 1), Published = true,
            DecidedAt = p.Clock.GetUtcNow(), DecidedBy = Kit.Provider,
        });
        var department = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心"));
        var before = Codes((await Check(department)).GetProperty("measures"));
        Assert.NotEmpty(before);
        Assert.Equal(JsonValueKind.Null, (await Check(department)).GetProperty("suspended").ValueKind);

        var ruling = new { subject = Co, kind = "plan", court = "哈尔滨市中级人民法院", rulingNo = "（2026）黑01破12号之一", rulingDate = "2026-09-28", planTo = "2026-12-18" };
        // Only the credit agency records rulings; a unit's staff is refused.
        var (_, unitStaff) = Kit.Staff(p, "HRB-SJ-09", unit: Kit.Provider, role: "unit");
        Assert.Equal(403, (await TestPlatform.PostJson(unitStaff, "/api/v1/reorganisations", ruling)).Status);
        var (agencyToken, agency) = Kit.Staff(p, "AG-CZ");
        var (bad, badBody, _) = await TestPlatform.PostJson(agency, "/api/v1/reorganisations", ruling with { planTo = "2026-09-01" });
        Assert.Equal(400, bad);
        Assert.Contains("执行期限的最后一日", badBody.GetProperty("detail").GetString());

        var (s1, first, _) = await TestPlatform.PostJson(agency, "/api/v1/reorganisations", ruling);
        Assert.Equal(201, s1);
        Assert.Equal("in-force", first.GetProperty("state").GetString());
        Assert.Equal("2026-12-25", first.GetProperty("outcomeDue").GetString());   // 5 working days after Friday 18 December
        Assert.Equal(409, (await TestPlatform.PostJson(agency, "/api/v1/reorganisations", ruling)).Status);

        // While the plan is in force: no constraint or punishment measure applies; the check shows them suspended with the reason.
        var during = await Check(department);
        Assert.Empty(Codes(during.GetProperty("measures")).Where(c => before.Contains(c)));
        var suspended = during.GetProperty("suspended");
        Assert.Equal(before.Order(), Codes(suspended.GetProperty("measures")).Order());
        Assert.All(suspended.GetProperty("measures").EnumerateArray(), m => Assert.Equal("suspended", m.GetProperty("status").GetString()));
        Assert.Contains("哈尔滨市中级人民法院以（2026）黑01破12号之一裁定批准重整计划", suspended.GetProperty("reason").GetString());
        Assert.Contains("暂时解除", suspended.GetProperty("reason").GetString());
        var subject = await Kit.Subject(p, Co);
        var (_, inbox) = await p.GetJson("/api/v1/notifications", subject);
        Assert.Contains(inbox.EnumerateArray(), n => n.GetProperty("title").GetString() == "重整计划执行期间失信惩戒措施暂停");
        // The staff page lists it with the outcome buttons.
        var portal = await Kit.StaffPortal(p, "AG-CZ", agencyToken);
        var page = await portal.GetStringAsync("/staff/reorganisations");
        Assert.Contains("（2026）黑01破12号之一", page);
        Assert.Contains("执行完毕", page);

        // Failed: the measures apply again, the subject is told.
        var id1 = first.GetProperty("id").GetInt64();
        Assert.Equal(400, (await TestPlatform.PostJson(agency, $"/api/v1/reorganisations/{id1}/failure", new { text = " " })).Status);
        var (s2, failed, _) = await TestPlatform.PostJson(agency, $"/api/v1/reorganisations/{id1}/failure", new { text = "人民法院裁定终止重整计划的执行" });
        Assert.Equal(200, s2);
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        var after = await Check(department);
        Assert.Equal(before, Codes(after.GetProperty("measures")));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("suspended").ValueKind);
        Assert.Contains((await p.GetJson("/api/v1/notifications", subject)).Body.EnumerateArray(), n => n.GetProperty("title").GetString() == "重整计划未能执行，失信惩戒措施恢复");
        Assert.Equal(409, (await TestPlatform.PostJson(agency, $"/api/v1/reorganisations/{id1}/completion", new { })).Status);

        // A settlement approved later and performed: the dishonesty decided by the ruling is repaired, the listing ends, measures end.
        p.Clock.Set(DateTimeOffset.Parse("2026-12-01T10:00:00+08:00", CultureInfo.InvariantCulture));
        var (s3, second, _) = await TestPlatform.PostJson(agency, "/api/v1/reorganisations", ruling with { kind = "settlement", rulingNo = "（2026）黑01破12号之三", rulingDate = "2026-11-30", planTo = "2026-12-31" });
        Assert.Equal(201, s3);
        Assert.Contains("和解协议", (await Check(department)).GetProperty("suspended").GetProperty("reason").GetString());
        var id2 = second.GetProperty("id").GetInt64();
        var (s4, done, _) = await TestPlatform.PostJson(agency, $"/api/v1/reorganisations/{id2}/completion", new { text = "管理人报告和解协议已执行完毕", version = second.GetProperty("version").GetInt32() });
        Assert.Equal(200, s4);
        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.True(p.Services.GetRequiredService<RecordReader>().Get(recordId)!.Withheld);
        Assert.Equal("ended", lists.Get(entry)!.Status);
        var ended = await Check(department);
        Assert.Empty(ended.GetProperty("measures").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, ended.GetProperty("suspended").ValueKind);
        var (_, pub) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.DoesNotContain(pub.GetProperty("records").EnumerateArray(), x => x.GetProperty("id").GetInt64() == recordId);
        Assert.Contains((await p.GetJson("/api/v1/notifications", await Kit.Subject(p, Co))).Body.EnumerateArray(),
            n => n.GetProperty("title").GetString() == "和解协议执行完毕，失信惩戒措施终止" && n.GetProperty("body").GetString()!.Contains("移出严重失信主体名单"));
        // Every step is in the case history and the audit chain.
        var (_, read) = await p.GetJson($"/api/v1/reorganisations/{id2}", agency);
        Assert.Equal(["opened", "complete"], read.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()).ToList());
        Assert.NotEmpty(p.Services.GetRequiredService<AuditChain>().Recent(target: $"record:{recordId}"));
    }
}
