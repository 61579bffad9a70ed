using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Audit;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Platform;

public class SampleAndAuditTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_sample_loads_without_a_rejected_row_and_keeps_the_archived_penalty_private(string store)
    {
        await using var p = await TestPlatform.Start(store, sample: true);
        var db = p.Services.GetRequiredService<Database>();
        using var c = db.Open();
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COALESCE(SUM(rejected), 0) FROM batches"));
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM records") >= 20);
        // The individual business's 2025 penalty ended its disclosure period on 2025-09-01.
        var (_, shop) = await p.GetJson("/api/v1/subjects/92230103MA1G7BH98M");
        Assert.DoesNotContain("哈南市监罚〔2025〕0601号", shop.GetRawText());
        Assert.Contains("哈南市监食经许〔2026〕1207号", shop.GetRawText()); // its licence stays public
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Names_are_kept_as_history_and_registration_sets_the_current_name(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var client = p.As(p.Account(AccountKinds.Provider, "SJ", "某局", "admin-penalty", "registration"));
        var code = Uscc("MA1NAM001");
        var penalty = PenaltyHeaders.Zip(Penalty("哈尔滨旧名有限公司", code, "哈市监罚〔2026〕6001号")).ToDictionary(x => x.First, x => x.Second);
        await TestPlatform.PostJson(client, "/api/v1/records", new { batchId = "n1", item = "admin-penalty", records = new[] { penalty } });
        p.Clock.Advance(TimeSpan.FromDays(30));
        var reg = new Dictionary<string, string> { ["主体名称"] = "哈尔滨新名有限公司", ["统一社会信用代码"] = code, ["成立日期"] = "2015-03-02" };
        var (status, r, _) = await TestPlatform.PostJson(client, "/api/v1/records", new { batchId = "n2", item = "registration", records = new[] { reg } });
        Assert.Equal(1, r.GetProperty("accepted").GetInt32());
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{code}");
        Assert.Equal("哈尔滨新名有限公司", subject.GetProperty("name").GetString());
        var s = p.Services.GetRequiredService<SubjectStore>();
        var names = s.Names(s.Find(code)!.Id).Select(n => n.Name).ToList();
        Assert.Equal(["哈尔滨旧名有限公司", "哈尔滨新名有限公司"], names);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_audit_chain_detects_a_changed_or_removed_entry(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var audit = p.Services.GetRequiredService<AuditChain>();
        for (var i = 0; i < 5; i++) audit.Append("tester", "test.act", $"thing:{i}", $"detail {i}");
        Assert.True(audit.Verify().Valid);
        var db = p.Services.GetRequiredService<Database>();
        using (var c = db.Open()) c.Execute("UPDATE audit_log SET detail = 'forged' WHERE target = 'thing:2'");
        var v = audit.Verify();
        Assert.False(v.Valid);
        Assert.Equal(AuditCodes.EntryChanged, v.Code);
        using (var c = db.Open())
        {
            c.Execute("UPDATE audit_log SET detail = 'detail 2' WHERE target = 'thing:2'");
            Assert.True(audit.Verify().Valid);
            c.Execute("DELETE FROM audit_log WHERE target = 'thing:3'");
        }
        v = audit.Verify();
        Assert.False(v.Valid);
        Assert.Equal(AuditCodes.LinkBroken, v.Code);
    }
}
