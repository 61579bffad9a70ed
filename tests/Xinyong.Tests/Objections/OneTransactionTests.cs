using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Measures;
using Xinyong.Storage;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Objections;

/// <summary>
/// Every step of an objection or a repair is one transaction: a failure injected in the store between what used to be
/// separate commits (the correction, the decision, the notices, the mark) leaves nothing of the step behind, and the
/// same step succeeds once the failure is gone. On both stores.
/// </summary>
public class OneTransactionTests
{
    private static readonly string Co = Uscc("MA1YTX001");

    /// <summary>Makes the store refuse one kind of history entry (a trigger), as a crash at that point would.</summary>
    private static void FailOn(TestPlatform p, string historyKind)
    {
        var db = p.Services.GetRequiredService<Database>();
        using var c = db.Open();
        if (db.Dialect == Dialect.Sqlite)
            c.Execute($"CREATE TRIGGER injected_failure BEFORE INSERT ON case_steps WHEN NEW.kind = '{historyKind}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
        else
        {
            c.Execute("CREATE FUNCTION injected_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;");
            c.Execute($"CREATE TRIGGER injected_failure BEFORE INSERT ON case_steps FOR EACH ROW WHEN (NEW.kind = '{historyKind}') EXECUTE FUNCTION injected_failure();");
        }
    }

    private static void Heal(TestPlatform p)
    {
        var db = p.Services.GetRequiredService<Database>();
        using var c = db.Open();
        c.Execute(db.Dialect == Dialect.Sqlite ? "DROP TRIGGER injected_failure" : "DROP TRIGGER injected_failure ON case_steps");
    }

    private static long Count(TestPlatform p, string sql, object? args = null)
    {
        using var c = p.Services.GetRequiredService<Database>().Open();
        return c.ExecuteScalar<long>(sql, args);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Filing_and_marking_an_objection_commit_together_or_not_at_all(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9601号", "2026-10-20");
        var (_, agency) = Kit.Staff(p, "AG-01");
        var body = new { recordId, reason = "罚款金额有误", applicant = new { name = "某公司", contact = "0451-6" } };

        FailOn(p, "marked");
        var (s1, e1, _) = await TestPlatform.PostJson(agency, "/api/v1/objections", body);
        Assert.Equal(500, s1);
        Assert.Equal("internal", e1.GetProperty("code").GetString());
        Assert.Equal(0, Count(p, "SELECT COUNT(*) FROM objections WHERE record_id = @recordId", new { recordId }));
        Assert.False(p.Services.GetRequiredService<RecordReader>().Get(recordId)!.UnderObjection);
        Assert.Equal(0, Count(p, "SELECT COUNT(*) FROM case_deadlines WHERE case_kind = 'objection'"));
        Assert.Equal(0, Count(p, "SELECT COUNT(*) FROM notifications WHERE case_kind = 'objection'"));

        Heal(p);
        var (s2, o, _) = await TestPlatform.PostJson(agency, "/api/v1/objections", body);
        Assert.Equal(201, s2);
        Assert.Equal(["filed", "routed", "marked"], Kit.Steps(o));
        Assert.True(p.Services.GetRequiredService<RecordReader>().Get(recordId)!.UnderObjection);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Deciding_an_objection_with_a_correction_is_one_transaction(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9602号", "2026-10-20");
        var (_, agency) = Kit.Staff(p, "AG-01");
        var (_, o, _) = await TestPlatform.PostJson(agency, "/api/v1/objections", new { recordId, reason = "罚款金额有误", applicant = new { name = "某公司", contact = "0451-6" } });
        var id = o.GetProperty("id").GetInt64();
        var decision = new
        {
            outcome = "upheld", action = "correct", reasons = "经核对决定书原件，罚款金额应为1万元",
            fields = new Dictionary<string, string> { ["罚款金额（万元）"] = "1", ["content"] = "罚款人民币壹万元" },
        };
        var records = p.Services.GetRequiredService<RecordReader>();
        var before = records.Get(recordId)!;

        // The failure strikes at the last of the former commits (removing the mark): the correction, the decision, the
        // completed deadline, the applicant's message and the holders' notices made before it in the same step vanish too.
        FailOn(p, "mark-removed");
        var (s1, _, _) = await TestPlatform.PostJson(agency, $"/api/v1/objections/{id}/decision", decision);
        Assert.Equal(500, s1);
        var (_, still) = await p.GetJson($"/api/v1/objections/{id}", agency);
        Assert.Equal("open", still.GetProperty("status").GetString());
        Assert.Equal(["filed", "routed", "marked"], Kit.Steps(still));
        Assert.Equal("upcoming", Kit.Deadline(still, "objection-decision").GetProperty("state").GetString());
        var unchanged = records.Get(recordId)!;
        Assert.Equal((before.Version, before.ContentHash, true), (unchanged.Version, unchanged.ContentHash, unchanged.UnderObjection));
        Assert.Empty(records.Versions(recordId));
        Assert.Equal(0, Count(p, "SELECT COUNT(*) FROM correction_notices WHERE record_id = @recordId", new { recordId }));
        Assert.Equal(0, Count(p, "SELECT COUNT(*) FROM notifications WHERE case_kind = 'objection' AND case_id = @id AND title = '异议处理决定'", new { id }));

        // Without the failure the same decision goes through whole.
        Heal(p);
        var (s2, decided, _) = await TestPlatform.PostJson(agency, $"/api/v1/objections/{id}/decision", decision);
        Assert.Equal(200, s2);
        Assert.Equal(["filed", "routed", "marked", "upheld", "record-corrected", "mark-removed"], Kit.Steps(decided));
        Assert.Equal("met", Kit.Deadline(decided, "objection-decision").GetProperty("state").GetString());
        var corrected = records.Get(recordId)!;
        Assert.Equal((before.Version + 1, false), (corrected.Version, corrected.UnderObjection));
        Assert.Single(records.Versions(recordId));
        Assert.Equal(1, Count(p, "SELECT COUNT(*) FROM notifications WHERE case_kind = 'objection' AND case_id = @id AND title = '异议处理决定'", new { id }));

        // A second decision finds nothing open: refused with the one refusal type's problem body.
        var (s3, e3, _) = await TestPlatform.PostJson(agency, $"/api/v1/objections/{id}/decision", decision);
        Assert.Equal(409, s3);
        Assert.Equal("objection.closed", e3.GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Completing_a_repair_is_one_transaction(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9603号", "2026-05-20");
        var lists = p.Services.GetRequiredService<ListStore>();
        var entry = lists.Add(new ListEntry
        {
            List = CreditListNames.Dishonesty, SubjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id, DecidingUnit = Kit.Provider,
            DecisionNo = "哈市监失信〔2026〕96号", Grounds = "第二十九条第四项", Reasons = "拒不履行", Basis = "《黑龙江省社会信用条例》第二十九条",
            RecordId = recordId, StartsOn = new DateOnly(2026, 6, 1), Published = true, DecidedAt = p.Clock.GetUtcNow(), DecidedBy = Kit.Provider,
        });
        var (_, staff) = Kit.Staff(p, "HRB-SJ-02", unit: Kit.Provider, role: "unit");
        var evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = $"{k}（见附件）" });
        var (s0, r, _) = await TestPlatform.PostJson(staff, "/api/v1/repairs", new { recordId, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已缴清罚款并完成整改", applicant = new { name = "某公司", contact = "0451-7" }, evidence });
        Assert.Equal(201, s0);
        var id = r.GetProperty("id").GetInt64();
        Assert.Equal(200, (await TestPlatform.PostJson(staff, $"/api/v1/repairs/{id}/acceptance", new { accept = true })).Status);

        // The failure strikes after the record was withheld and the listing ended in the same step: nothing of it stays.
        FailOn(p, "list-entry-ended");
        var (s1, _, _) = await TestPlatform.PostJson(staff, $"/api/v1/repairs/{id}/decision", new { outcome = "completed", reasons = "材料齐全" });
        Assert.Equal(500, s1);
        Assert.False(p.Services.GetRequiredService<RecordReader>().Get(recordId)!.Withheld);
        Assert.Equal("active", lists.Get(entry)!.Status);
        var (_, still) = await p.GetJson($"/api/v1/repairs/{id}", staff);
        Assert.Equal("accepted", still.GetProperty("status").GetString());
        Assert.Equal(0, Count(p, "SELECT COUNT(*) FROM notifications WHERE case_kind = 'repair' AND case_id = @id AND title = '信用修复完成'", new { id }));

        Heal(p);
        var (s2, done, _) = await TestPlatform.PostJson(staff, $"/api/v1/repairs/{id}/decision", new { outcome = "completed", reasons = "材料齐全" });
        Assert.Equal(200, s2);
        Assert.Equal(["filed", "accepted", "completed", "record-withheld", "list-entry-ended"], Kit.Steps(done));
        Assert.True(p.Services.GetRequiredService<RecordReader>().Get(recordId)!.Withheld);
        Assert.Equal("ended", lists.Get(entry)!.Status);
    }
}
