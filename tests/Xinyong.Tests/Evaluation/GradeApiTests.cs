using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Evaluation;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Lists;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Evaluation;

/// <summary>
/// Grades through the API (the contract), in supervision checks, on /self and on the portal; re-grading on a change of
/// records and on a new model. On SQLite and PostgreSQL.
/// </summary>
public class GradeApiTests
{
    private static readonly string Plain = Uscc("MA1GRD001");
    private static readonly string Penalized = Uscc("MA1GRD002");
    private static readonly string Grave = Uscc("MA1GRD003");
    private static readonly string Debtor = Uscc("MA1GRD004");

    private static long[] Ids(JsonElement indicator) => indicator.GetProperty("records").EnumerateArray().Select(r => r.GetInt64()).ToArray();

    private static JsonElement Indicator(JsonElement grade, string code) =>
        grade.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Departments_get_the_explained_grade_which_follows_the_records_and_lists_at_once(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var bureau = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty", "admin-licence"));
        var court = p.As(p.Account(AccountKinds.Provider, "HLJ-GY", "黑龙江省高级人民法院", "court-dishonest"));
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-ZW", "哈尔滨市政务服务中心"));
        await Court.Penalties(bureau, "b1",
            Penalty("哈尔滨评价示例甲有限公司", Penalized, "哈市监罚〔2026〕4001号", "2026-10-12"),
            Penalty("哈尔滨评价示例乙有限公司", Grave, "哈市监罚〔2026〕4002号", "2026-10-12", ("罚款金额（万元）", "200"), ("处罚内容", "罚款人民币贰佰万元")));
        await Court.Import(court, "court-dishonest", Court.Headers, Court.Row("（2026）黑0103执4004号", "哈尔滨评价示例丁有限公司", Debtor));
        var penalty = Court.RecordId(p, Penalized, "admin-penalty");
        var grave = Court.RecordId(p, Grave, "admin-penalty");

        // The contract: grade, model, indicators with code, points, records.
        var (s1, g1) = await p.GetJson($"/api/v1/subjects/{Penalized}/grade", dept);
        Assert.Equal(200, s1);
        Assert.Equal(("C", "2026.1"), (g1.GetProperty("grade").GetString(), g1.GetProperty("model").GetString()));
        Assert.Equal(72m, g1.GetProperty("score").GetDecimal());
        var general = Indicator(g1, "general-dishonesty");
        Assert.Equal(-8m, general.GetProperty("points").GetDecimal());
        Assert.Equal([penalty], Ids(general));
        Assert.Contains("扣8分", general.GetProperty("rule").GetString());

        var (_, g2) = await p.GetJson($"/api/v1/subjects/{Grave}/grade", dept);
        Assert.Equal("D", g2.GetProperty("grade").GetString());
        Assert.Equal([grave], Ids(Indicator(g2, "serious-dishonesty")));

        // A DishonestyList subject (the court's listing, Art. 28 (3)) is D, with its list entry named.
        var (_, g4) = await p.GetJson($"/api/v1/subjects/{Debtor}/grade", dept);
        Assert.Equal("D", g4.GetProperty("grade").GetString());
        Assert.Single(Indicator(g4, "dishonesty-list").GetProperty("listEntries").EnumerateArray());

        // Only departments; an unknown subject is 404, a wrong code 400.
        Assert.Equal(401, (await p.GetJson($"/api/v1/subjects/{Penalized}/grade")).Status);
        Assert.Equal(403, (await p.GetJson($"/api/v1/subjects/{Penalized}/grade", bureau)).Status);
        Assert.Equal(404, (await p.GetJson($"/api/v1/subjects/{Plain}/grade", dept)).Status);
        Assert.Equal(400, (await p.GetJson("/api/v1/subjects/91230100XXXXXXXXXX/grade", dept)).Status);

        // The grade is stored with its model version and explanation.
        var subjects = p.Services.GetRequiredService<SubjectStore>();
        var stored = p.Services.GetRequiredService<GradeStore>().Stored(subjects.Find(Penalized)!.Id)!;
        Assert.Equal(("C", "2026.1"), (stored.Result.Grade, stored.Result.Model));
        Assert.Equal([penalty], stored.Result.Indicators.Single(i => i.Code == "general-dishonesty").Records);

        // The supervision check carries the grade (Art. 48); other scenarios do not.
        var (_, check) = await Court.Check(dept, Grave, "supervision");
        Assert.Equal("D", check.GetProperty("grade").GetProperty("grade").GetString());
        Assert.False((await Court.Check(dept, Grave, "licensing")).Body.TryGetProperty("grade", out _));

        // A revoked record (Art. 38) no longer counts: re-graded at once.
        var (rs, _, _) = await TestPlatform.PostJson(bureau, $"/api/v1/records/{penalty}/revocation", new { basis = "revoked", reason = "行政复议决定撤销原处罚决定" });
        Assert.Equal(200, rs);
        var (_, g5) = await p.GetJson($"/api/v1/subjects/{Penalized}/grade", dept);
        Assert.Equal(("B", 80m), (g5.GetProperty("grade").GetString(), g5.GetProperty("score").GetDecimal()));
        Assert.Empty(Ids(Indicator(g5, "general-dishonesty")));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_change_feed_regrades_changed_subjects_and_a_new_model_regrades_everyone(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var bureau = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty"));
        var grades = p.Services.GetRequiredService<GradeStore>();
        for (var i = 0; i < 200 && grades.GradedModel() is null; i++) await Task.Delay(50);   // the job's start-up pass (in the background)
        Assert.Equal("2026.1", grades.GradedModel());
        p.Clock.Advance(TimeSpan.FromMinutes(1));
        await Court.Penalties(bureau, "b1",
            Penalty("哈尔滨评价示例甲有限公司", Penalized, "哈市监罚〔2026〕4001号", "2026-10-12"),
            Penalty("哈尔滨评价示例乙有限公司", Grave, "哈市监罚〔2026〕4002号", "2026-10-12"));
        var subjects = p.Services.GetRequiredService<SubjectStore>();
        Assert.Equal(2, grades.RegradeChanged());   // the two new subjects
        Assert.Equal(2, grades.Counts("2026.1")["C"]);
        Assert.Equal(0, grades.RegradeChanged());   // nothing changed since

        p.Clock.Advance(TimeSpan.FromMinutes(5));
        var id = Court.RecordId(p, Penalized, "admin-penalty");
        var (rs, _, _) = await TestPlatform.PostJson(bureau, $"/api/v1/records/{id}/revocation", new { basis = "revoked", reason = "行政复议决定撤销原处罚决定" });
        Assert.Equal(200, rs);
        Assert.Equal(1, grades.RegradeChanged());   // only the subject whose record changed
        Assert.Equal("B", grades.Stored(subjects.Find(Penalized)!.Id)!.Result.Grade);
        Assert.Equal("C", grades.Stored(subjects.Find(Grave)!.Id)!.Result.Grade);
        Assert.Equal(2, grades.RegradeAll());

        // The same from the command line.
        var args = new[] { "--db", p.Store.Db, "--rules", Paths.Rules, "--keys", Path.Combine(p.Store.Folder, "keys") };
        var all = await Xy.Run(["grade", "all", .. args]);
        Assert.Equal(0, all.ExitCode);
        Assert.Equal((2, "2026.1"), (all.Json.GetProperty("graded").GetInt32(), all.Json.GetProperty("model").GetString()));
        var show = await Xy.Run(["grade", "show", Grave, .. args]);
        Assert.Equal(0, show.ExitCode);
        var g = JsonDocument.Parse(show.Out).RootElement;
        Assert.Equal("C", g.GetProperty("grade").GetString());
        Assert.Single(Indicator(g, "general-dishonesty").GetProperty("records").EnumerateArray());
        Assert.Equal(1, (await Xy.Run(["grade", "show", Plain, .. args])).ExitCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_subject_sees_its_explanation_on_self_and_the_model_is_public(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var bureau = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty"));
        await Court.Penalties(bureau, "b1", Penalty("哈尔滨评价示例甲有限公司", Penalized, "哈市监罚〔2026〕4001号", "2026-10-12"));
        var id = Court.RecordId(p, Penalized, "admin-penalty");
        var self = await Objections.Kit.Subject(p, Penalized);
        var page = await self.GetStringAsync("/self");
        Assert.Contains("公共信用综合评价", page);
        Assert.Contains("data-grade=\"C\"", page);
        Assert.Contains($"/self/records/{id}", page);
        Assert.Contains("每条在公示期内的一般失信行为记录扣8分", page);

        var model = await p.Http.GetStringAsync("/evaluation/model");
        Assert.Contains("2026.1 版", model);
        Assert.Contains("列入严重失信主体名单", model);
        var (s, models) = await p.GetJson("/api/v1/evaluation/models");
        Assert.Equal(200, s);
        // Every published version, the one in force marked (2026.2 is published ahead of 2026-12-01).
        var versions = models.EnumerateArray().ToList();
        Assert.Equal(["2026.1", "2026.2"], versions.Select(m => m.GetProperty("version").GetString()));
        Assert.Equal([true, false], versions.Select(m => m.GetProperty("inForce").GetBoolean()));
        Assert.All(versions, m => Assert.Contains("indicators:", m.GetProperty("text").GetString()));
    }
}
