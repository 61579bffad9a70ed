using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Inspections;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Inspections;
using Xinyong.Tests.Reports;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Inspections;

/// <summary>
/// Inspection results feed the subject's credit records (一公开): a published result becomes a record of its own
/// (inspection-result, channel inspection, provider the department), a penalty decided in it a negative record
/// (inspection-penalty) that the evaluation counts at once; both on the subject page and in its report. Results published
/// before the catalog version with these items took effect are written when it does. On SQLite and PostgreSQL.
/// </summary>
public class InspectionRecordTests
{
    internal static readonly string[] Codes = Enumerable.Range(1, 4).Select(i => Uscc($"MA1CHC00{i}")).ToArray();

    internal static object[] Targets() => Codes.Select((c, i) => (object)new
        { code = c, name = $"哈尔滨抽查示例{i + 1}有限公司", region = "230103", industry = "餐饮业", grade = "D", registrationUnit = "南岗区市场监督管理局" }).ToArray();

    internal static object[] Inspectors() => Enumerable.Range(1, 3).Select(i => (object)new
        { id = $"SJ-{i}", name = $"市监检查员{i}", department = "HRB-SJ", unit = "哈尔滨市市场监督管理局执法支队", qualifications = new[] { "行政执法证" }, conflicts = Array.Empty<object>() }).ToArray();

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_published_result_becomes_the_subjects_records_and_a_penalty_counts_in_the_grade_at_once(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-27T10:00:00+08:00");
        var sj = p.As(p.Account(AccountKinds.Department, "HRB-SJ", "哈尔滨市市场监督管理局"));
        var seedAt = DateTimeOffset.Parse("2026-11-27T11:00:00+08:00");
        Assert.Equal(201, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans", new
        {
            code = "REC-2026-1", name = "2026年餐饮业双随机抽查", departments = new[] { "HRB-SJ" }, seedAt, seedSource = "中国福利彩票双色球第2026137期开奖号码",
            targets = Targets(), inspectors = Inspectors(),
        })).Status);
        p.Clock.Set(seedAt);
        var (ds, drawn, _) = await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/REC-2026-1/draw", new { publicValue = "03 08 15 21 27 33 + 09", source = "中国福利彩票双色球第2026137期开奖号码" });
        Assert.Equal(200, ds);
        var inspections = drawn.GetProperty("result").GetProperty("inspections").EnumerateArray().ToList();
        Assert.Equal(2, inspections.Count);   // 30 % of four D targets, rounded up
        string TargetOf(int i) => inspections[i].GetProperty("target").GetString()!;
        object Body(int i, string outcome, string? penalty, string on) => new
        {
            target = TargetOf(i), inspectedOn = on, outcome, summary = outcome == "penalized" ? "后厨未落实食品安全管理制度，现场责令改正并立案处罚" : "现场检查未发现问题", penaltyDecision = penalty,
            items = inspections[i].GetProperty("items").EnumerateArray().Select(x => new { code = x.GetString(), result = outcome == "penalized" ? "发现问题" : "未发现问题" }),
        };

        // Before catalog 2026.2 is in force (2026-12-01) a result is published but not yet written as a record.
        var (s0, early, _) = await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/REC-2026-1/results", Body(1, "compliant", null, "2026-11-27"));
        Assert.Equal(201, s0);
        Assert.Empty(early.GetProperty("creditRecords").GetProperty("records").EnumerateArray());
        Assert.Contains("暂未记入信用记录", early.GetProperty("creditRecords").GetProperty("notWritten").GetString());
        Assert.Equal(404, (await p.GetJson($"/api/v1/subjects/{TargetOf(1)}")).Status);

        // From 2026-12-01: a penalized result becomes two records, the penalty a negative one, and the grade follows at once.
        p.Clock.Set(DateTimeOffset.Parse("2026-12-01T09:00:00+08:00"));
        var (s1, entered, _) = await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/REC-2026-1/results", Body(0, "penalized", "哈市监罚〔2026〕9101号", "2026-11-30"));
        Assert.Equal(201, s1);
        var written = entered.GetProperty("creditRecords").GetProperty("records").EnumerateArray()
            .ToDictionary(r => r.GetProperty("item").GetString()!, r => r.GetProperty("id").GetInt64());
        Assert.Equal(["inspection-penalty", "inspection-result"], written.Keys.Order());
        Assert.Equal("C", entered.GetProperty("creditRecords").GetProperty("grade").GetString());

        var db = p.Services.GetRequiredService<Database>();
        using (var c = db.Open())
        {
            var provenance = written.Values.Select(id => c.QuerySingle<(string Provider, string Channel)>("SELECT provider, channel FROM records WHERE id = @id", new { id })).ToList();
            Assert.All(provenance, x => Assert.Equal(("HRB-SJ", "inspection"), x));
        }

        var (gs, grade) = await p.GetJson($"/api/v1/subjects/{TargetOf(0)}/grade", sj);
        Assert.Equal(200, gs);
        Assert.Equal(("C", "2026.2", 72m), (grade.GetProperty("grade").GetString(), grade.GetProperty("model").GetString(), grade.GetProperty("score").GetDecimal()));
        var general = grade.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "general-dishonesty");
        Assert.Equal([written["inspection-penalty"]], general.GetProperty("records").EnumerateArray().Select(x => x.GetInt64()));

        // On the subject page and in its public report.
        var page = WebUtility.HtmlDecode(await p.Http.GetStringAsync($"/subjects/{TargetOf(0)}"));
        Assert.Contains("双随机抽查检查结果信息", page);
        Assert.Contains("双随机抽查发现违法行为的行政处罚信息", page);
        Assert.Contains("哈市监罚〔2026〕9101号", page);
        var record = WebUtility.HtmlDecode(await p.Http.GetStringAsync($"/subjects/{TargetOf(0)}/records/{written["inspection-result"]}"));
        Assert.Contains("发现问题依法处罚", record);
        Assert.Contains("REC-2026-1", record);
        var report = await p.Http.GetAsync($"/api/v1/subjects/{TargetOf(0)}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var text = string.Concat(Poppler.Text(await report.Content.ReadAsByteArrayAsync()).Where(ch => !char.IsWhiteSpace(ch)));
        Assert.Contains("哈市监罚〔2026〕9101号", text);
        Assert.Contains("双随机抽查检查结果信息", text);

        // The result published before 2026-12-01 is written now (the evaluation job's pass), once.
        var (_, listed) = await p.GetJson("/api/v1/inspections/plans/REC-2026-1/results");
        Assert.All(listed.EnumerateArray(), r => Assert.False(r.TryGetProperty("creditRecords", out _)));   // only in the answer of the entry
        var results = p.Services.GetRequiredService<InspectionResults>();
        Assert.Equal(1, results.WriteMissingRecords());
        Assert.Equal(0, results.WriteMissingRecords());
        var (s2, later) = await p.GetJson($"/api/v1/subjects/{TargetOf(1)}");
        Assert.Equal(200, s2);
        Assert.Contains("未发现问题", later.ToString());
        var (_, g2) = await p.GetJson($"/api/v1/subjects/{TargetOf(1)}/grade", sj);
        Assert.Equal(("B", 80m), (g2.GetProperty("grade").GetString(), g2.GetProperty("score").GetDecimal()));   // a neutral record: no points

        // A roster target that is not a USCC is published without a record, saying why.
        var obstacle = p.Services.GetRequiredService<InspectionRecords>().Obstacle("T0001");
        Assert.Contains("不是有效的统一社会信用代码", obstacle);
    }
}
