using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Inspections;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Inspections;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Inspections;

/// <summary>
/// A plan's status is a small type (committed, drawn): stored as the same codes as before, read back as the value, and a
/// code it does not know is refused when read. Both stores.
/// </summary>
public sealed class DrawStatusTests
{
    [Fact]
    public void The_type_parses_its_codes_and_refuses_others()
    {
        Assert.Equal(["committed", "drawn"], DrawStatus.All.Select(s => s.Code));
        Assert.Equal(DrawStatus.Drawn, Statuses.Parse<DrawStatus>("drawn"));
        Assert.Throws<FormatException>(() => Statuses.Parse<DrawStatus>("published"));
        Assert.Equal("\"committed\"", System.Text.Json.JsonSerializer.Serialize(DrawStatus.Committed));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_plan_is_stored_committed_then_drawn_and_an_unknown_status_is_refused(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-20T10:00:00+08:00");
        var sj = p.As(p.Account(AccountKinds.Department, "HRB-SJ", "哈尔滨市市场监督管理局"));
        var seedAt = DateTimeOffset.Parse("2026-11-22T20:30:00+08:00");
        Assert.Equal(201, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans", new
        {
            code = "ST-2026-1", name = "状态测试抽查", scope = "南岗区", departments = new[] { "HRB-SJ" }, seedAt,
            seedSource = "中国福利彩票双色球第2026136期开奖号码", targets = DrawTests.Targets(), inspectors = DrawTests.Inspectors(),
        })).Status);
        var draws = p.Services.GetRequiredService<InspectionDraws>();
        var db = p.Services.GetRequiredService<Database>();
        string Stored()
        {
            using var c = db.Open();
            return c.ExecuteScalar<string>("SELECT status FROM inspection_draws WHERE code = 'ST-2026-1'")!;
        }
        Assert.Equal("committed", Stored());
        Assert.Equal(DrawStatus.Committed, draws.Get("ST-2026-1")!.Status);

        p.Clock.Set(seedAt.AddMinutes(10));
        Assert.Equal(200, (await TestPlatform.PostJson(sj, "/api/v1/inspections/plans/ST-2026-1/draw",
            new { publicValue = "03 08 15 22 27 31 + 09", source = "中国福利彩票双色球第2026136期开奖公告" })).Status);
        Assert.Equal("drawn", Stored());
        Assert.Equal(DrawStatus.Drawn, draws.Get("ST-2026-1")!.Status);
        Assert.Equal(DrawStatus.Drawn, draws.List().Single(x => x.Code == "ST-2026-1").Status);
        var (_, plans) = await p.GetJson("/api/v1/inspections/plans");
        Assert.Equal("drawn", plans.EnumerateArray().Single(x => x.GetProperty("code").GetString() == "ST-2026-1").GetProperty("status").GetString());

        // A status as a parameter is written as its code.
        using (var c = db.Open())
            Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM inspection_draws WHERE status = @s", new { s = DrawStatus.Drawn }));

        using (var c = db.Open()) c.Execute("UPDATE inspection_draws SET status = 'withdrawn' WHERE code = 'ST-2026-1'");
        Assert.Throws<FormatException>(() => draws.Get("ST-2026-1"));
    }
}
