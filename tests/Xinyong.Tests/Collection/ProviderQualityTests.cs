using System.Net;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Collection;

/// <summary>Each provider's timeliness and quality, on both stores.</summary>
public class ProviderQualityTests
{
    private static readonly string Recent = Uscc("MA1PQ0001");
    private static readonly string Late = Uscc("MA1PQ0002");

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Rejected_rows_records_on_time_and_open_steps_are_counted_per_provider(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        var other = p.As(p.Account(AccountKinds.Provider, "HRB-ZJ", "哈尔滨市示例住房和城乡建设局", "admin-penalty"));
        var bad = Late[..17] + (Late[17] == '0' ? '1' : '0');   // a wrong check character
        var rows = new[]
        {
            Penalty("哈尔滨及时报送有限公司", Recent, "哈市监罚〔2026〕9601号", "2026-10-28"),   // due 2026-11-06 (7 working days): on time
            Penalty("哈尔滨迟报示例有限公司", Late, "哈市监罚〔2026〕9602号", "2026-09-01"),     // due 2026-09-10: late
            Penalty("哈尔滨错误代码有限公司", bad, "哈市监罚〔2026〕9603号", "2026-10-28"),      // rejected
        }.Select(r => PenaltyHeaders.Zip(r).ToDictionary(x => x.First, x => x.Second)).ToArray();
        var (s0, pushed, _) = await TestPlatform.PostJson(provider, "/api/v1/records", new { batchId = "q-1", item = "admin-penalty", records = rows });
        Assert.Equal((200, 2, 1), (s0, pushed.GetProperty("accepted").GetInt32(), pushed.GetProperty("rejected").GetArrayLength()));

        // An objection against the late record is an open step of the provider (mark and decision), overdue later.
        var (_, agency) = Kit.Staff(p, "AG-01");
        var (_, late) = await p.GetJson($"/api/v1/subjects/{Late}");
        var recordId = late.GetProperty("records")[0].GetProperty("id").GetInt64();
        var (s1, _, _) = await TestPlatform.PostJson(agency, "/api/v1/objections", new { recordId, reason = "处罚决定日期有误", applicant = new { name = "某公司", contact = "0451-9" } });
        Assert.Equal(201, s1);
        p.Clock.Set(DateTimeOffset.Parse("2026-11-20T09:00:00+08:00"));

        var (s2, all) = await p.GetJson("/api/v1/providers/quality?from=2026-11-01&to=2026-11-02", agency);
        Assert.Equal(200, s2);
        var row = all.GetProperty("providers").EnumerateArray().Single(r => r.GetProperty("provider").GetString() == Kit.Provider);
        Assert.Equal((1L, 3L, 2L, 1L), (row.GetProperty("batches").GetInt64(), row.GetProperty("rows").GetInt64(), row.GetProperty("accepted").GetInt64(), row.GetProperty("rejected").GetInt64()));
        Assert.Equal(1.0 / 3, row.GetProperty("rejectionRate").GetDouble(), 6);
        Assert.Equal((2L, 1L, 0.5), (row.GetProperty("timed").GetInt64(), row.GetProperty("onTime").GetInt64(), row.GetProperty("onTimeRate").GetDouble()));
        Assert.True(row.GetProperty("openSteps").GetInt64() >= 1);
        Assert.Equal(row.GetProperty("openSteps").GetInt64(), row.GetProperty("overdueSteps").GetInt64());
        var idle = all.GetProperty("providers").EnumerateArray().Single(r => r.GetProperty("provider").GetString() == "HRB-ZJ");
        Assert.Equal((0L, System.Text.Json.JsonValueKind.Null), (idle.GetProperty("batches").GetInt64(), idle.GetProperty("onTimeRate").ValueKind));

        // A provider sees itself only; a department is refused; a bad period is a 400 naming the field.
        var (_, own) = await p.GetJson("/api/v1/providers/quality", other);
        Assert.Equal(["HRB-ZJ"], own.GetProperty("providers").EnumerateArray().Select(r => r.GetProperty("provider").GetString()));
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心"));
        Assert.Equal(403, (await p.GetJson("/api/v1/providers/quality", dept)).Status);
        var (s3, e3) = await p.GetJson("/api/v1/providers/quality?from=November", agency);
        Assert.Equal(400, s3);
        Assert.Contains("from", e3.GetProperty("detail").GetString());

        // The staff page shows the same.
        var (token, _) = Kit.Staff(p, "AG-02");
        var page = WebUtility.HtmlDecode(await (await Kit.StaffPortal(p, "AG-02", token)).GetStringAsync("/staff/providers?from=2026-11-01&to=2026-11-02"));
        Assert.Contains("哈尔滨市示例市场监督管理局（HRB-SJ）", page);
        Assert.Contains("50.0%", page);
        Assert.Contains("逾期", page);
    }
}
