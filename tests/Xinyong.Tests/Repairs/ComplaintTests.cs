using System.Globalization;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Repairs;

/// <summary>Complaints against information collectors on the case engine (Art. 41 (2), 43 (2)), on both stores.</summary>
public class ComplaintTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_complaint_accepted_on_14_September_is_answered_in_writing_by_16_October(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-11T10:00:00+08:00");
        var (_, agency) = Kit.Staff(p, "AG-TS");
        var (_, unit) = Kit.Staff(p, "HRB-SJ-TS", unit: Kit.Provider, role: "unit");

        // The credit agency registers a credit-service firm; the registry is public; a unit's staff may not register.
        var firm = new { code = "XYFW-001", name = "哈尔滨示例信用服务有限公司", uscc = Uscc("MA1XYFW01"), kind = "credit-service", region = "230100", business = "企业信用报告" };
        var (s0, _, _) = await TestPlatform.PostJson(unit, "/api/v1/collectors", firm);
        Assert.Equal(403, s0);
        var (s1, registered, _) = await TestPlatform.PostJson(agency, "/api/v1/collectors", firm);
        Assert.Equal(201, s1);
        Assert.Equal("信用服务机构", registered.GetProperty("kindLabel").GetString());
        var (_, registry) = await p.GetJson("/api/v1/collectors");
        Assert.Equal("XYFW-001", Assert.Single(registry.EnumerateArray()).GetProperty("code").GetString());

        // Anyone complains through the API (or the public form); a collector outside the registry is refused.
        var (s2, e2, _) = await TestPlatform.PostJson(p.Http, "/api/v1/complaints", new { collector = "NOPE", name = "王某", contact = "13800000000", facts = "x" });
        Assert.Equal(404, s2);
        Assert.Equal("complaint.collector-unknown", e2.GetProperty("code").GetString());
        var (s3, filed, _) = await TestPlatform.PostJson(p.Http, "/api/v1/complaints", new
        {
            collector = "XYFW-001", name = "哈尔滨投诉测试有限公司", contact = "0451-7", facts = "该机构在修复完成后仍对外提供已停止公示的行政处罚信息。", request = "及时更新已修复信息",
        });
        Assert.Equal(201, s3);
        Assert.Equal("received", filed.GetProperty("state").GetString());
        Assert.StartsWith("TS2026", filed.GetProperty("number").GetString());
        var id = filed.GetProperty("id").GetInt64();
        var (_, form) = await Page(p.Http, "/complaints/new");
        Assert.Contains("哈尔滨示例信用服务有限公司", form.QuerySelector("#collectors")!.TextContent);

        // Accepted on Monday 14 September: 20 working days (the working Sunday 20 September and Saturday 10 October count,
        // the National Day block does not) end on 16 October.
        p.Clock.Set(DateTimeOffset.Parse("2026-09-14T09:30:00+08:00", CultureInfo.InvariantCulture));
        var (s4, _, _) = await TestPlatform.PostJson(unit, $"/api/v1/complaints/{id}/acceptance", new { });
        Assert.Equal(403, s4);
        var (s5, accepted, _) = await TestPlatform.PostJson(agency, $"/api/v1/complaints/{id}/acceptance", new { });
        Assert.Equal(200, s5);
        Assert.Equal("accepted", accepted.GetProperty("state").GetString());
        Assert.Equal("2026-10-16", accepted.GetProperty("answerDue").GetString());

        // The staff page shows it with its due day; the written answer closes it.
        var (_, page) = await Page(await Kit.StaffPortal(p, "AG-TS", Kit.Staff(p, "AG-TS").Token), "/staff/complaints");
        Assert.Contains("2026年10月16日", page.QuerySelector($"#complaint-{id}")!.TextContent);
        var (s6, e6, _) = await TestPlatform.PostJson(agency, $"/api/v1/complaints/{id}/answer", new { });
        Assert.Equal(400, e6.GetProperty("status").GetInt32() == 400 ? 400 : s6);
        p.Clock.Set(DateTimeOffset.Parse("2026-10-16T16:00:00+08:00", CultureInfo.InvariantCulture));
        var (s7, answered, _) = await TestPlatform.PostJson(agency, $"/api/v1/complaints/{id}/answer", new { text = "经核查，已责令该机构更新已修复信息并书面答复。" });
        Assert.Equal(200, s7);
        Assert.Equal("answered", answered.GetProperty("state").GetString());
        Assert.Equal("2026-10-16", answered.GetProperty("complaint").GetProperty("answeredOn").GetString());
        Assert.Equal(["opened", "accept", "answer"], answered.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()!).ToArray());
    }
}
