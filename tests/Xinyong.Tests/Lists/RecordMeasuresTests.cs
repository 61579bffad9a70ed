using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Lists;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Lists;

/// <summary>
/// Measures triggered by records: constraints for a dishonest act in its disclosure period, the national procurement bar
/// for a serious penalty only, and none for an act exempted under Art. 30 (2). On SQLite and PostgreSQL.
/// </summary>
public class RecordMeasuresTests
{
    private static readonly string Minor = Uscc("MA1MNR001");
    private static readonly string Serious = Uscc("MA1GRA001");

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_penalty_constrains_a_serious_one_bars_procurement_and_a_minor_corrected_act_carries_none(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var bureau = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty"));
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-ZW", "哈尔滨市政务服务中心"));
        var staff = p.As(p.Account(AccountKinds.Staff, "XY-01", "公共信用工作机构"));
        await Court.Penalties(bureau, "b1",
            Penalty("哈尔滨轻微示例有限公司", Minor, "哈市监罚〔2026〕3001号", "2026-10-12"),
            Penalty("哈尔滨严重示例有限公司", Serious, "哈市监罚〔2026〕3002号", "2026-10-12", ("罚款金额（万元）", "200"), ("处罚内容", "罚款人民币贰佰万元")));
        var minorRecord = Court.RecordId(p, Minor, "admin-penalty");

        // An ordinary penalty: constraints in licensing and public services while it is published; no punishment.
        var (_, licensing) = await Court.Check(dept, Minor, "licensing");
        Assert.Equal(["C-31-1", "C-31-2"], licensing.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        var trigger = Assert.Single(Court.Measure(licensing, "C-31-1").GetProperty("triggeredBy").EnumerateArray());
        Assert.Equal(("record", minorRecord.ToString(), "admin-penalty"), (trigger.GetProperty("type").GetString(), trigger.GetProperty("id").GetString(), trigger.GetProperty("item").GetString()));
        Assert.Equal("2027-10-12", Court.Measure(licensing, "C-31-1").GetProperty("until").GetString());   // the 12 months of publication
        Assert.Empty(await Court.Codes(dept, Minor, "procurement"));
        Assert.Empty(await Court.Codes(dept, Minor, "awards"));

        // A serious penalty (a fine of 200 万元: 重大违法记录) bars procurement for three years from the decision.
        var (_, procurement) = await Court.Check(dept, Serious, "procurement");
        var gp = Assert.Single(procurement.GetProperty("measures").EnumerateArray());
        Assert.Equal(("N-GP-22", "punishment"), (gp.GetProperty("code").GetString(), gp.GetProperty("kind").GetString()));
        Assert.Contains("政府采购法", gp.GetProperty("basis").GetString());
        Assert.Equal("2029-10-11", gp.GetProperty("until").GetString());

        // Art. 30 (2): every condition must be affirmed; then the act carries no measure, though the record stays public.
        var (s1, e1, _) = await TestPlatform.PostJson(staff, $"/api/v1/records/{minorRecord}/exemption",
            new { conditions = new[] { "minor", "occasional", "corrected" }, reasons = "首次违法，当日整改" });
        Assert.Equal(400, s1);
        var missing = Assert.Single(e1.GetProperty("errors").EnumerateArray());
        Assert.Equal(("conditions", "not-affirmed"), (missing.GetProperty("field").GetString(), missing.GetProperty("code").GetString()));
        Assert.Contains("没有造成社会危害后果", missing.GetProperty("message").GetString());

        var (s2, _, _) = await TestPlatform.PostJson(staff, $"/api/v1/records/{minorRecord}/exemption",
            new { conditions = new[] { "minor", "occasional", "corrected", "no-harm" }, reasons = "首次违法、涉案金额小，当日整改完毕，未造成危害后果" });
        Assert.Equal(204, s2);
        foreach (var scenario in new[] { "licensing", "public-services", "procurement", "supervision" })
            Assert.Empty(await Court.Codes(dept, Minor, scenario));
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{Minor}");
        Assert.Single(subject.GetProperty("records").EnumerateArray());
        Assert.Equal("measure-exempted", p.Services.GetRequiredService<Xinyong.Storage.Publication.RecordReader>().Events(minorRecord).Last().Kind);
        // The subject is reminded (可以采取适当方式给予提醒).
        var (_, inbox) = await p.GetJson("/api/v1/notifications", await Objections.Kit.Subject(p, Minor));
        Assert.Contains("第三十条第二款免于失信约束和惩戒", Assert.Single(inbox.EnumerateArray(), n => n.GetProperty("title").GetString() == "信用提醒").GetProperty("body").GetString());

        // A serious act is not minor; a department cannot exempt; exempting twice is a conflict.
        var seriousRecord = Court.RecordId(p, Serious, "admin-penalty");
        var (s3, e3, _) = await TestPlatform.PostJson(staff, $"/api/v1/records/{seriousRecord}/exemption",
            new { conditions = new[] { "minor", "occasional", "corrected", "no-harm" }, reasons = "x" });
        Assert.Equal(400, s3);
        Assert.Equal("serious", Assert.Single(e3.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(403, (await TestPlatform.PostJson(dept, $"/api/v1/records/{seriousRecord}/exemption", new { conditions = Array.Empty<string>(), reasons = "x" })).Status);
        Assert.Equal(409, (await TestPlatform.PostJson(staff, $"/api/v1/records/{minorRecord}/exemption",
            new { conditions = new[] { "minor", "occasional", "corrected", "no-harm" }, reasons = "again" })).Status);
        Assert.NotNull(p.Services.GetRequiredService<MeasureExemptions>().Of(minorRecord));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_record_past_its_disclosure_period_triggers_nothing(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var bureau = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty"));
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-ZW", "哈尔滨市政务服务中心"));
        await Court.Penalties(bureau, "b1", Penalty("哈尔滨轻微示例有限公司", Minor, "哈市监罚〔2026〕3001号", "2026-10-12", ("公示截止期", "2027-01-12")));
        Assert.NotEmpty(await Court.Codes(dept, Minor, "licensing"));
        p.Clock.Set(DateTimeOffset.Parse("2027-01-12T20:00:00+08:00"));
        Assert.NotEmpty(await Court.Codes(dept, Minor, "licensing"));
        p.Clock.Set(DateTimeOffset.Parse("2027-01-13T08:00:00+08:00"));
        Assert.Empty(await Court.Codes(dept, Minor, "licensing"));
    }
}
