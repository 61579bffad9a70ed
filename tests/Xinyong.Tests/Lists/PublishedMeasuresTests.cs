using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Lists;

/// <summary>
/// Art. 30 (last paragraph): a measure that is not in the published version in force is never returned, and a department
/// cannot report applying one; every check and feedback is logged and counted. On SQLite and PostgreSQL.
/// </summary>
public class PublishedMeasuresTests
{
    private static readonly string Debtor = Uscc("MA1PUB001");

    /// <summary>A copy of the rules with a second measures version, effective 2027-01-01, that adds measure X-99.</summary>
    private static string RulesWithNextVersion()
    {
        var dir = Directory.CreateTempSubdirectory("xinyong-rules-").FullName;
        foreach (var file in Directory.EnumerateFiles(Paths.Rules, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".db", StringComparison.Ordinal)))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(Paths.Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var current = File.ReadAllText(Path.Combine(dir, "measures", "2026.1.yaml"));
        var next = current.Replace("version: \"2026.1\"", "version: \"2027.1\"").Replace("effective: \"2026-01-01\"", "effective: \"2027-01-01\"") +
            """
              - code: X-99
                kind: punishment
                source: provincial-supplement
                name: 限制参加政府投资项目招标投标（2027年起施行）
                scenarios: [procurement]
                basis: 测试用省级地方性法规第一条
                triggers: { lists: [dishonesty] }
                period: { months: 12, text: 自列入名单之日起一年 }
            """;
        File.WriteAllText(Path.Combine(dir, "measures", "2027.1.yaml"), next);
        return dir;
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Only_measures_of_the_version_in_force_are_returned_applied_and_counted(string store)
    {
        var rules = RulesWithNextVersion();
        try
        {
            await using var p = await TestPlatform.Start(store, now: "2026-12-30T09:00:00+08:00", configure: o => o with { Rules = rules });
            var court = p.As(p.Account(AccountKinds.Provider, "HLJ-GY", "黑龙江省高级人民法院", "court-dishonest"));
            var dept = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心"));
            var other = p.As(p.Account(AccountKinds.Department, "HRB-CZ", "哈尔滨市财政局"));
            var staff = p.As(p.Account(AccountKinds.Staff, "XY-01", "公共信用工作机构"));
            await Court.Import(court, "court-dishonest", Court.Headers, Court.Row("（2026）黑0103执7001号", "哈尔滨公布示例有限公司", Debtor, "2026-12-01"));

            var (_, published) = await p.GetJson("/api/v1/measures");
            Assert.Equal("2026.1", published.GetProperty("version").GetString());
            Assert.DoesNotContain(published.GetProperty("measures").EnumerateArray(), m => m.GetProperty("code").GetString() == "X-99");
            Assert.Equal("2027.1", Assert.Single(published.GetProperty("upcoming").EnumerateArray()).GetProperty("version").GetString());

            // Published on file but not yet in force: never returned, and applying it is refused.
            var (_, answer) = await Court.Check(dept, Debtor, "procurement");
            Assert.Equal("2026.1", answer.GetProperty("measuresVersion").GetString());
            var codes = answer.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToList();
            Assert.Equal(["C-45", "N-SPC-8", "P-31-2"], codes);
            var checkId = answer.GetProperty("checkId").GetString();
            var (s1, e1, _) = await TestPlatform.PostJson(dept, $"/api/v1/checks/{checkId}/feedback", new { applied = new[] { "P-31-2", "X-99" }, outcome = "取消投标资格" });
            Assert.Equal(400, s1);
            var refused = Assert.Single(e1.GetProperty("errors").EnumerateArray());
            Assert.Equal(("applied[1]", "not-returned"), (refused.GetProperty("field").GetString(), refused.GetProperty("code").GetString()));

            // Feedback: only the department that checked, once.
            Assert.Equal(403, (await TestPlatform.PostJson(other, $"/api/v1/checks/{checkId}/feedback", new { applied = new[] { "P-31-2" }, outcome = "x" })).Status);
            Assert.Equal(404, (await TestPlatform.PostJson(dept, "/api/v1/checks/0000/feedback", new { applied = new[] { "P-31-2" }, outcome = "x" })).Status);
            Assert.Equal(400, (await TestPlatform.PostJson(dept, $"/api/v1/checks/{checkId}/feedback", new { applied = new[] { "P-31-2" } })).Status);
            var (s2, f2, _) = await TestPlatform.PostJson(dept, $"/api/v1/checks/{checkId}/feedback",
                new { applied = new[] { "P-31-2" }, outcome = "依法限制其参加本次政府采购活动", reference = "HRBCG-2026-1188" });
            Assert.Equal(200, s2);
            Assert.Equal(["P-31-2"], f2.GetProperty("applied").EnumerateArray().Select(x => x.GetString()));
            Assert.Equal(409, (await TestPlatform.PostJson(dept, $"/api/v1/checks/{checkId}/feedback", new { applied = Array.Empty<string>(), outcome = "again" })).Status);
            Assert.Equal(401, (await TestPlatform.PostJson(p.Http, $"/api/v1/checks/{checkId}/feedback", new { applied = Array.Empty<string>(), outcome = "x" })).Status);

            // From its effective date the new version applies, with its own measure.
            p.Clock.Set(DateTimeOffset.Parse("2027-01-01T00:00:01+08:00"));
            var (_, later) = await Court.Check(dept, Debtor, "procurement");
            Assert.Equal("2027.1", later.GetProperty("measuresVersion").GetString());
            Assert.Equal(["C-45", "N-SPC-8", "P-31-2", "X-99"], later.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
            Assert.Equal("2027-11-30", Court.Measure(later, "X-99").GetProperty("until").GetString());   // one year from the listing
            await Court.Check(dept, Uscc("MA1NBD001"), "awards");

            // Every check is counted and enters the subject's access log (Art. 35).
            var (_, stats) = await p.GetJson("/api/v1/checks/stats?from=2026-01-01&to=2027-12-31", staff);
            Assert.Equal(3, stats.GetProperty("total").GetProperty("checks").GetInt64());
            Assert.Equal(2, stats.GetProperty("total").GetProperty("withMeasures").GetInt64());
            Assert.Equal(1, stats.GetProperty("total").GetProperty("feedback").GetInt64());
            var procurement = stats.GetProperty("byScenario").EnumerateArray().Single(x => x.GetProperty("key").GetString() == "procurement");
            Assert.Equal((2, 1), (procurement.GetProperty("checks").GetInt64(), procurement.GetProperty("feedback").GetInt64()));
            Assert.Equal(2, stats.GetProperty("byDay").GetArrayLength());
            Assert.Equal(403, (await p.GetJson("/api/v1/checks/stats", dept)).Status);
            var subject = p.Services.GetRequiredService<SubjectStore>().Find(Debtor)!;
            var reads = p.Services.GetRequiredService<AccessLog>().ForSubject(subject.Id);
            Assert.Equal(2, reads.Count);
            Assert.All(reads, r => Assert.Equal(("department", "HRB-CG"), (r.ActorKind, r.Actor)));
            Assert.Contains(reads, r => r.What == $"check:{checkId}" && r.Purpose.Contains("政府采购"));
        }
        finally
        {
            Directory.Delete(rules, true);
        }
    }
}
