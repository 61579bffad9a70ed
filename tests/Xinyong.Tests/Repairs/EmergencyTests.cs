using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Emergencies;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Publication;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Repairs;

/// <summary>
/// Emergencies (《黑龙江省社会信用条例》第三十条第三款、第四款) on both stores: the declaration by staff and as a file, its public
/// list, records of the region and period held for the provider's confirmation (boundaries: the day before, the first and
/// last day, the day after, another region), and the shortened repair decision.
/// </summary>
public class EmergencyTests
{
    private static readonly string Harbin = Uscc("MA1YJ0001");                  // division 230100
    private static readonly string Qiqihar = Uscc("MA1YJ0002", "91230200");      // division 230200
    private const string Name = "哈尔滨应急测试有限公司";

    private static object Flood(string code = "2026-hrb-flood", string regions = "230100", string from = "2026-08-01", string to = "2026-08-31", int? repairDays = null, bool hold = true) => new
    {
        code, kind = "自然灾害", name = "哈尔滨市防汛Ⅳ级应急响应", regions = new[] { regions }, from, to, performanceExtensionDays = 30,
        repairDecisionWorkingDays = repairDays, holdRecords = hold,
    };

    private static bool Listed(JsonElement subject, string docNo) =>
        Records(subject).Any(r => r.GetProperty("fields").GetProperty("decisionNo").GetString() == docNo);

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Records_of_the_region_and_period_are_held_until_their_provider_confirms_or_withdraws_them(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        var (_, agency) = Kit.Staff(p, "AG-YJ");
        var (_, unitStaff) = Kit.Staff(p, "HRB-SJ-YJ", unit: Kit.Provider, role: "unit");
        Assert.Equal(403, (await TestPlatform.PostJson(unitStaff, "/api/v1/emergencies", Flood())).Status);
        var (bad, badBody, _) = await TestPlatform.PostJson(agency, "/api/v1/emergencies", Flood(regions: "2301"));
        Assert.Equal(400, bad);
        Assert.Contains("六位行政区划代码", badBody.GetProperty("detail").GetString());
        var (s, declared, _) = await TestPlatform.PostJson(agency, "/api/v1/emergencies", Flood());
        Assert.Equal(201, s);
        Assert.Equal("ended", declared.GetProperty("state").GetString());
        var registry = p.Services.GetRequiredService<Xinyong.Storage.Emergencies.EmergencyRegistry>();
        Assert.Equal(EmergencyTexts.Summary(registry.All().Single(d => d.Code == "2026-hrb-flood")),
            p.Services.GetRequiredService<Xinyong.Storage.Audit.AuditChain>().Recent(target: "emergency:2026-hrb-flood").Single(e => e.Action == "emergency.declare").Detail);
        Assert.Equal(409, (await TestPlatform.PostJson(agency, "/api/v1/emergencies", Flood())).Status);

        // Public (Art. 30 (4)): the API and the page.
        var (_, list) = await p.GetJson("/api/v1/emergencies");
        var d = Assert.Single(list.EnumerateArray());
        Assert.Equal("staff", d.GetProperty("source").GetString());
        var (_, page) = await Page(p.Http, "/emergencies");
        var row = page.QuerySelector("tr[data-emergency='2026-hrb-flood']")!.TextContent;
        Assert.Contains("哈尔滨市防汛Ⅳ级应急响应", row);
        Assert.Contains("230100", row);
        Assert.Contains("履行期限延长30日", row);

        await Push(p, "admin-penalty",
            CompanyPenalty(Name, Harbin, "哈市监罚〔2026〕6601号", "2026-07-31"),
            CompanyPenalty(Name, Harbin, "哈市监罚〔2026〕6602号", "2026-08-01"),
            CompanyPenalty(Name, Harbin, "哈市监罚〔2026〕6603号", "2026-08-31"),
            CompanyPenalty(Name, Harbin, "哈市监罚〔2026〕6604号", "2026-09-01"),
            CompanyPenalty("齐齐哈尔应急测试有限公司", Qiqihar, "齐市监罚〔2026〕6605号", "2026-08-15"));
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{Harbin}");
        Assert.True(Listed(subject, "哈市监罚〔2026〕6601号"));
        Assert.False(Listed(subject, "哈市监罚〔2026〕6602号"));
        Assert.False(Listed(subject, "哈市监罚〔2026〕6603号"));
        Assert.True(Listed(subject, "哈市监罚〔2026〕6604号"));
        Assert.True(Listed((await p.GetJson($"/api/v1/subjects/{Qiqihar}")).Body, "齐市监罚〔2026〕6605号"));
        var reader = p.Services.GetRequiredService<RecordReader>();
        var first = RecordId(p, Harbin, "哈市监罚〔2026〕6602号");
        var last = RecordId(p, Harbin, "哈市监罚〔2026〕6603号");
        Assert.Equal("held", reader.Get(first)!.Publication);

        // The provider sees its held records; another provider none, a subject is refused.
        var provider = p.As(p.Account(AccountKinds.Provider, Provider, "测试提供单位", "admin-penalty"));
        var (_, held) = await p.GetJson("/api/v1/held-records", provider);
        Assert.Equal([first, last], held.EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).Order().ToList());
        var other = p.As(p.Account(AccountKinds.Provider, "OTHER-PROV", "其他提供单位", "admin-penalty"));
        Assert.Empty((await p.GetJson("/api/v1/held-records", other)).Body.EnumerateArray());
        Assert.Equal(403, (await TestPlatform.PostJson(other, $"/api/v1/held-records/{first}", new { confirm = true })).Status);

        // Confirmed: published now. Withdrawn (with reasons): neither published nor used.
        var (c1, confirmed, _) = await TestPlatform.PostJson(provider, $"/api/v1/held-records/{first}", new { confirm = true });
        Assert.Equal(200, c1);
        Assert.Equal("published", confirmed.GetProperty("publication").GetString());
        Assert.True(Listed((await p.GetJson($"/api/v1/subjects/{Harbin}")).Body, "哈市监罚〔2026〕6602号"));
        Assert.Equal(400, (await TestPlatform.PostJson(provider, $"/api/v1/held-records/{last}", new { confirm = false })).Status);
        var (c2, _, _) = await TestPlatform.PostJson(provider, $"/api/v1/held-records/{last}", new { confirm = false, reason = "因防汛封控未能按期履行，不认定为失信行为" });
        Assert.Equal(200, c2);
        Assert.True(reader.Get(last)!.Withheld);
        Assert.False(Listed((await p.GetJson($"/api/v1/subjects/{Harbin}")).Body, "哈市监罚〔2026〕6603号"));
        Assert.Equal(409, (await TestPlatform.PostJson(provider, $"/api/v1/held-records/{last}", new { confirm = true })).Status);
        var (_, inbox) = await p.GetJson("/api/v1/notifications", await Kit.Subject(p, Harbin));
        Assert.Contains(inbox.EnumerateArray(), n => n.GetProperty("title").GetString() == "失信信息经审慎认定后撤回" && n.GetProperty("body").GetString()!.Contains("防汛封控"));
        Assert.Empty((await p.GetJson("/api/v1/held-records", provider)).Body.EnumerateArray());
        // The record events carry the words the application chose (EmergencyDesk): the store writes what it is given.
        Assert.Equal(Xinyong.Emergencies.EmergencyTexts.Decided(true, "确认公示"), reader.Events(first).Single(e => e.Kind == "emergency-confirmed").Detail);
        Assert.Equal(Xinyong.Emergencies.EmergencyTexts.Decided(false, "因防汛封控未能按期履行，不认定为失信行为"), reader.Events(last).Single(e => e.Kind == "emergency-withdrawn").Detail);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task During_a_declaration_the_repair_decision_is_shortened_as_declared(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-04T10:00:00+08:00");
        var (_, agency) = Kit.Staff(p, "AG-YJ2");
        Assert.Equal(201, (await TestPlatform.PostJson(agency, "/api/v1/emergencies", Flood("2026-hlj-snow", "230000", "2026-11-01", "2026-11-30", repairDays: 2, hold: false))).Status);
        await Push(p, "admin-penalty",
            CompanyPenalty(Name, Harbin, "哈市监罚〔2026〕6701号", "2026-08-03"),
            CompanyPenalty(Name, Harbin, "哈市监罚〔2026〕6702号", "2026-08-03"),
            CompanyPenalty(Name, Harbin, "哈市监罚〔2026〕6703号", "2026-08-03"));
        var subject = await Kit.Subject(p, Harbin);
        var (_, staff) = Kit.Staff(p, "TP-01", unit: Provider, role: "unit");
        async Task<long> Apply(string docNo)
        {
            var (st, r, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", new
            {
                recordId = RecordId(p, Harbin, docNo), commitment = Repair2026ApiTests.Commitment, statement = "已缴清罚款并完成整改", applicant = new { name = Name, contact = "0451-7" },
                evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = k }),
            });
            Assert.Equal(201, st);
            return r.GetProperty("id").GetInt64();
        }
        async Task<string> Accept(long id)
        {
            var (st, r, _) = await TestPlatform.PostJson(staff, $"/api/v1/repairs/{id}/acceptance", new { accept = true });
            Assert.Equal(200, st);
            return r.GetProperty("decisionDue").GetString()!;
        }
        var a = await Apply("哈市监罚〔2026〕6701号");
        var b = await Apply("哈市监罚〔2026〕6702号");
        var c = await Apply("哈市监罚〔2026〕6703号");

        // Accepted Wednesday 4 November: 2 working days instead of 5 (6 November, not 11 November).
        Assert.Equal("2026-11-06", await Accept(a));
        // The last day of the declaration (Monday 30 November): still 2 working days.
        p.Clock.Set(DateTimeOffset.Parse("2026-11-30T10:00:00+08:00", CultureInfo.InvariantCulture));
        Assert.Equal("2026-12-02", await Accept(b));
        // The day after it ended: the published 5 working days again.
        p.Clock.Set(DateTimeOffset.Parse("2026-12-01T10:00:00+08:00", CultureInfo.InvariantCulture));
        Assert.Equal("2026-12-08", await Accept(c));
        // The shortened period survives the deadline watch's recomputation.
        Kit.Watch(p);
        var (_, view) = await p.GetJson($"/api/v1/repairs/{a}", staff);
        Assert.Equal("2026-11-06", view.GetProperty("decisionDue").GetString());
        Assert.Contains("压缩为2个工作日", string.Join(" ", view.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("detail").GetString())));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task During_a_declaration_the_subjects_performance_periods_are_extended_in_its_region_only(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-03-02T10:00:00+08:00");
        var (_, agency) = Kit.Staff(p, "AG-YJ3");
        Assert.Equal(201, (await TestPlatform.PostJson(agency, "/api/v1/emergencies", Flood("2026-hrb-ice", "230100", "2026-03-02", "2026-03-31", hold: false))).Status);
        // Both subjects are known to the platform (their division comes from their USCC).
        await Push(p, "honour", Honour(Name, Harbin, "哈奖〔2026〕1号"), Honour("齐齐哈尔应急测试有限公司", Qiqihar, "齐奖〔2026〕1号"));
        var unit = p.As(p.Account(AccountKinds.Department, "HRB-SJ-DEPT", "哈尔滨市示例市场监督管理局"));
        async Task<string> MaterialsDue(string subject)
        {
            var (st, c, _) = await TestPlatform.PostJson(unit, "/api/v1/commitments", new
            {
                subject, matter = "food-business-licence", type = "容缺受理", text = "本单位承诺在规定期限内补齐食品安全管理制度文本和从业人员健康证明。",
            });
            Assert.True(st == 201, c.ToString());
            return c.GetProperty("materialsDue").GetString()!;
        }
        // 20 working days from 2 March end on 30 March; in the declared region 30 days more (29 April).
        Assert.Equal("2026-03-30", await MaterialsDue(Qiqihar));
        Assert.Equal("2026-04-29", await MaterialsDue(Harbin));
        // After the declaration's last day: no extension.
        p.Clock.Set(DateTimeOffset.Parse("2026-04-01T10:00:00+08:00", CultureInfo.InvariantCulture));
        var (st2, c2, _) = await TestPlatform.PostJson(unit, "/api/v1/commitments", new
        {
            subject = Harbin, matter = "food-business-licence", type = "容缺受理", text = "本单位承诺在规定期限内补齐材料。",
        });
        Assert.Equal(201, st2);
        Assert.Equal("2026-04-30", c2.GetProperty("materialsDue").GetString());   // 20 working days from 1 April on the calendar, nothing added
    }

    [Fact]
    public void A_declarations_file_is_read_and_checked_and_regions_cover_their_subdivisions()
    {
        var list = EmergencyDeclaration.Parse("""
            declarations:
              - code: 2026-hlj-epidemic
                kind: 公共卫生事件
                name: 示例公共卫生事件应急响应
                regions: ["230000"]
                from: "2026-03-01"
                to: "2026-03-31"
                performanceExtensionDays: 60
                repairDecisionWorkingDays: 1
                holdRecords: true
                declaredBy: 黑龙江省营商环境建设监督局
            """, "test.yaml");
        var d = Assert.Single(list);
        Assert.Equal("file", d.Source);
        Assert.Equal(EmergencyDeclaration.DefaultBasis, d.Basis);
        Assert.True(d.Covers("230102") && d.Covers("230200") && !d.Covers("220100") && !d.Covers(null));
        Assert.True(d.InForceOn(new DateOnly(2026, 3, 1)) && d.InForceOn(new DateOnly(2026, 3, 31)));
        Assert.False(d.InForceOn(new DateOnly(2026, 2, 28)) || d.InForceOn(new DateOnly(2026, 4, 1)));
        var city = d with { Regions = ["230100"] };
        Assert.True(city.Covers("230103") && !city.Covers("230200"));
        var ex = Assert.Throws<EmergencyDeclarationException>(() => EmergencyDeclaration.Parse("declarations:\n  - { code: x, kind: 地震, name: n, regions: ['230100'], from: '2026-01-01', to: '2026-01-02', declaredBy: d }", "bad.yaml"));
        Assert.Contains("bad.yaml: declarations[0]", ex.Message);
        Assert.Contains("突发事件类型", ex.Message);
        // The shipped folder loads (no declaration in force by default).
        Assert.Empty(EmergencyDeclaration.Load(Paths.Rules));
    }
}
