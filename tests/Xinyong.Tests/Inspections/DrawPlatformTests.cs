using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Xinyong.Inspections;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Lists;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Inspections;

/// <summary>Draws on the platform: publish a plan (commitment), draw after the seed moment, publish, verify on the portal. On SQLite and PostgreSQL.</summary>
public class DrawPlatformTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_department_publishes_a_plan_draws_it_from_a_public_value_and_anyone_verifies_it(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-20T10:00:00+08:00");
        var sj = p.As(p.Account(AccountKinds.Department, "HRB-SJ", "哈尔滨市市场监督管理局"));
        var sw = p.As(p.Account(AccountKinds.Department, "HRB-SW", "国家税务总局哈尔滨市税务局"));
        var inspectors = DrawTests.Inspectors();
        var seedAt = DateTimeOffset.Parse("2026-11-22T20:30:00+08:00");
        var (s1, plan, _) = await TestPlatform.PostJson(sj, "/api/v1/inspections/plans", new
        {
            code = "HRB-2026-12", name = "2026年12月联合双随机抽查", scope = "南岗区", departments = new[] { "HRB-SJ", "HRB-SW" }, seedAt,
            seedSource = "中国福利彩票双色球第2026136期开奖号码", targets = DrawTests.Targets(), inspectors,
        });
        Assert.Equal(201, s1);
        Assert.Equal(64, plan.GetProperty("commitment").GetProperty("commitment").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("result").ValueKind);
        Assert.Equal(400, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans", new { code = "HRB-2026-12", name = "x", seedAt, seedSource = "x", targets = DrawTests.Targets(), inspectors })).Status);

        // Not before the announced moment; only the publishing department; once.
        var seed = new { publicValue = "03 08 15 22 27 31 + 09", source = "中国福利彩票双色球第2026136期开奖公告" };
        Assert.Equal(400, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/HRB-2026-12/draw", seed)).Status);
        p.Clock.Set(seedAt.AddMinutes(10));
        Assert.Equal(403, (await TestPlatform.PostJson(sw, "/api/v1/inspections/plans/HRB-2026-12/draw", seed)).Status);
        var (s2, drawn, _) = await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/HRB-2026-12/draw", seed);
        Assert.Equal(200, s2);
        Assert.Equal(400, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/HRB-2026-12/draw", seed)).Status);
        Assert.Equal(4, drawn.GetProperty("result").GetProperty("sizes").GetProperty("HRB-SJ").GetProperty("A").GetInt32());

        // The published document recomputes; the portal shows and verifies it.
        var published = await p.Http.GetStringAsync("/api/v1/inspections/plans/HRB-2026-12");
        Assert.True(Draws.Verify(Draws.Parse(published)).Matches);
        Assert.Contains("HRB-2026-12", await p.Http.GetStringAsync("/inspections"));
        var show = await p.Http.GetStringAsync("/inspections/HRB-2026-12");
        Assert.Contains("data-verified=\"true\"", show);
        Assert.Contains("（联合检查）", show);

        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = p.Url };
        var form = await client.GetStringAsync("/inspections/verify");
        var ok = await client.PostAsync("/inspections/verify", Objections.Kit.Form(form, new() { ["text"] = published }));
        Assert.Contains("data-verified=\"true\"", await ok.Content.ReadAsStringAsync());
        var changed = published.Replace("\"示例企业17\"", "\"示例企业17X\"");
        var bad = await (await client.PostAsync("/inspections/verify", Objections.Kit.Form(form, new() { ["text"] = changed }))).Content.ReadAsStringAsync();
        Assert.Contains("data-verified=\"false\"", bad);
        Assert.Contains("检查对象名录（targets）的哈希不符", bad);

        // The commitment and the draw are in the audit chain.
        using var c = p.Services.GetRequiredService<Xinyong.Storage.Database>().Open();
        var actions = Dapper.SqlMapper.Query<(string Action, string Detail)>(c, "SELECT action, detail FROM audit_log WHERE target = 'inspection-plan:HRB-2026-12' ORDER BY seq").ToList();
        Assert.Equal(["inspection.commit", "inspection.draw"], actions.Select(a => a.Action));
        Assert.Contains(plan.GetProperty("commitment").GetProperty("commitment").GetString()!, actions[0].Detail);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_target_roster_is_built_from_the_subjects_of_a_region_with_their_grades(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var bureau = p.As(p.Account(AccountKinds.Provider, "HRB-SJ-P", "哈尔滨市示例市场监督管理局", "admin-penalty"));
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-SJ", "哈尔滨市市场监督管理局"));
        p.Clock.Advance(TimeSpan.FromMinutes(1));
        await Court.Penalties(bureau, "b1",
            Penalty("哈尔滨名录示例甲有限公司", Uscc("MA1RRT001"), "哈市监罚〔2026〕5001号", "2026-10-12"),
            Penalty("哈尔滨名录示例乙有限公司", Uscc("MA1RRT002"), "哈市监罚〔2026〕5002号", "2026-10-12", ("罚款金额（万元）", "200"), ("处罚内容", "罚款人民币贰佰万元")));
        p.Services.GetRequiredService<Xinyong.Storage.Evaluation.GradeStore>().RegradeAll();
        var (s, plan, _) = await TestPlatform.PostJson(dept, "/api/v1/inspections/plans", new
        {
            code = "R1", name = "按信用等级抽查", seedAt = DateTimeOffset.Parse("2026-11-23T10:00:00+08:00"), seedSource = "NIST Randomness Beacon",
            targetsFrom = new { region = "23", grades = new[] { "C", "D" } },
            inspectors = new[] { new DrawInspector("A1", "甲", "HRB-SJ", "U1", ["行政执法证"], []), new DrawInspector("A2", "乙", "HRB-SJ", "U2", ["行政执法证"], []) },
        });
        Assert.Equal(201, s);
        var targets = plan.GetProperty("targets").EnumerateArray().Select(t => (t.GetProperty("code").GetString(), t.GetProperty("grade").GetString())).ToList();
        Assert.Contains((Uscc("MA1RRT001"), "C"), targets);
        Assert.Contains((Uscc("MA1RRT002"), "D"), targets);
    }
}
