using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Repairs;

/// <summary>
/// The applicant's public credit commitment given with a repair (national Credit Repair Measures) is published under
/// 信用承诺公示 (type 信用修复, linked to the repair), and it commits with the application or not at all.
/// </summary>
public class RepairCommitmentTests
{
    private static readonly string Co = Uscc("MA1RCMT01");
    private const string Name = "哈尔滨修复承诺测试有限公司";
    private const string Pledge = "本单位承诺已纠正失信行为、消除不利影响，所提交材料真实有效，如违背承诺愿意承担相应法律责任。";

    private static object Body(long recordId, string? commitment) => new
    {
        recordId, commitment, statement = "已缴清罚款并完成整改", applicant = new { name = Name, contact = "0451-9" },
        evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = k }),
    };

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_commitment_of_a_repair_is_published_in_the_commitments_list_linked_to_the_repair(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-03T10:00:00+08:00");
        await Push(p, "admin-penalty", CompanyPenalty(Name, Co, "哈市监罚〔2026〕9501号", "2026-08-03"));
        var record = RecordId(p, Co, "哈市监罚〔2026〕9501号");
        var subject = await Kit.Subject(p, Co);

        // Nothing published before the application; a refused application (no commitment) publishes nothing either.
        var (_, before) = await p.GetJson($"/api/v1/commitments?subject={Co}");
        Assert.Equal(0, before.GetProperty("total").GetInt64());
        var (s0, _, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", Body(record, null));
        Assert.Equal(422, s0);
        Assert.Equal(0, (await p.GetJson($"/api/v1/commitments?subject={Co}")).Body.GetProperty("total").GetInt64());

        var (s, repair, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", Body(record, Pledge));
        Assert.Equal(201, s);
        var repairId = repair.GetProperty("id").GetInt64();

        var (_, list) = await p.GetJson($"/api/v1/commitments?subject={Co}&matter=credit-repair-pledge");
        var c = Assert.Single(list.GetProperty("commitments").EnumerateArray());
        Assert.Equal("credit-repair", c.GetProperty("type").GetString());
        Assert.Equal("信用修复", c.GetProperty("typeName").GetString());
        Assert.Equal(Pledge, c.GetProperty("text").GetString());
        Assert.Equal(repairId, c.GetProperty("repairId").GetInt64());
        Assert.Equal(Provider, c.GetProperty("acceptingUnit").GetString());
        // The repair names the published commitment, and the public page lists it with the repair.
        Assert.Equal(c.GetProperty("id").GetInt64(), repair.GetProperty("commitmentId").GetInt64());
        var (_, page) = await Page(p.Http, $"/commitments?Subject={Co}");
        var row = page.QuerySelector($"tr[data-commitment='{c.GetProperty("id").GetInt64()}']")!.TextContent;
        Assert.Contains("信用修复", row);
        Assert.Contains($"信用修复申请{repairId}", row);
        // The organisation's public 信用承诺 record carries the same text.
        var (_, profile) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.Contains(Records(profile), r => r.GetProperty("fields").TryGetProperty("content", out var t) && t.GetString() == Pledge);

        // A second application for the same record is refused, and its commitment is not published (one transaction).
        var (s2, e2, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", Body(record, Pledge + "（再次）"));
        Assert.Equal(409, s2);
        Assert.Equal("repair.pending-exists", e2.GetProperty("code").GetString());
        Assert.Equal(1, (await p.GetJson($"/api/v1/commitments?subject={Co}")).Body.GetProperty("total").GetInt64());
    }
}
